package org.smpledger.domain.treatment;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;
import static org.smpledger.domain.treatment.Clinic.*;
import static org.smpledger.domain.treatment.Levels.and;
import static org.smpledger.domain.treatment.Refusals.refusedBy;
import static org.smpledger.events.treatment.ScalpZone.CROWN;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smpledger.domain.policy.ClinicPolicies;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.events.clinic.ClinicPolicyAdopted;
import org.smpledger.events.clinic.ClinicPolicyEvent;
import org.smpledger.events.clinic.ClinicRules;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.SessionCompleted;

/** Each clinic judges its sessions by the policy it had in force when they happened. */
class ClinicsWithTheirOwnRulesTest {

    private static final String WEEKLY = CLINIC;
    private static final String FORTNIGHTLY = "clinic-south";
    private static final Instant ADOPTED = Instant.parse("2026-01-05T08:00:00Z");
    private static final CompleteSession TEN_DAYS_LATER =
            session("s-2", daysAfter(FIRST_SESSION, 10), work(CROWN, 0.3));

    private final Map<String, List<ClinicPolicyEvent>> streams = new HashMap<>();
    private final ClinicPolicies policies =
            ClinicPolicies.fromStreams(id -> streams.getOrDefault(id, List.of()), ClinicPolicy.DEFAULTS);

    private void adopt(String clinic, int version, Instant effectiveFrom, int daysBetween) {
        ClinicRules rules = ClinicPolicy.DEFAULT_RULES.withSessions(new ClinicRules.Sessions(daysBetween, 4));
        streams.computeIfAbsent(ClinicPolicyEvent.streamIdOf(clinic), id -> new java.util.ArrayList<>())
                .add(new ClinicPolicyAdopted(
                        clinic,
                        ClinicPolicyAdopted.policyIdOf(clinic, version),
                        version,
                        effectiveFrom.isBefore(ADOPTED) ? effectiveFrom : ADOPTED,
                        "admin-1",
                        effectiveFrom,
                        rules,
                        "our interval"));
    }

    private static Object[] firstSessionAt(String clinic) {
        Object[] ready = readyForFirstSession();
        ready[0] = new ClientRegistered(
                CLIENT,
                clinic,
                new PersonalDetails("Sam Client", LocalDate.parse("1985-04-02"), null, null),
                Instant.parse("2026-02-01T10:00:00Z"));
        return and(ready, completed(session("s-1", FIRST_SESSION, work(CROWN, 0.4)), 1, 1));
    }

    private static SessionCompleted judgedBy(CompleteSession command, int number, int policyVersion) {
        SessionCompleted done = completed(command, 1, number);
        return new SessionCompleted(
                done.clientId(),
                done.sessionId(),
                done.course(),
                done.sessionNumber(),
                done.startedAt(),
                done.endedAt(),
                done.practitionerId(),
                done.zoneWork(),
                done.override(),
                done.notes(),
                policyVersion);
    }

    @Test
    void tenDaysAfterTheLastSessionIsAcceptedWhereTheClinicWantsAWeek() {
        adopt(WEEKLY, 1, ADOPTED, 7);
        adopt(FORTNIGHTLY, 1, ADOPTED, 14);

        fixture(policies, new Lots())
                .given(firstSessionAt(WEEKLY))
                .when(TEN_DAYS_LATER)
                .expectEvents(judgedBy(TEN_DAYS_LATER, 2, 1));
    }

    @Test
    void tenDaysAfterTheLastSessionIsRefusedWhereTheClinicWantsAFortnight() {
        adopt(WEEKLY, 1, ADOPTED, 7);
        adopt(FORTNIGHTLY, 1, ADOPTED, 14);

        fixture(policies, new Lots())
                .given(firstSessionAt(FORTNIGHTLY))
                .when(TEN_DAYS_LATER, sentBy(FORTNIGHTLY))
                .expectNoEvents()
                .expectException(refusedBy("session-interval", Map.of("daysSinceLastSession", 10, "minimumDays", 14)));
    }

    @Test
    void aPolicyAdoptedLaterDoesNotChangeHowAnEarlierSessionIsJudged() {
        adopt(WEEKLY, 1, ADOPTED, 7);
        // a fortnight from the day after the ten-day session: that session is still judged by version 1
        adopt(WEEKLY, 2, daysAfter(FIRST_SESSION, 11), 14);

        fixture(policies, new Lots())
                .given(firstSessionAt(WEEKLY))
                .when(TEN_DAYS_LATER)
                .expectEvents(judgedBy(TEN_DAYS_LATER, 2, 1));

        CompleteSession third = session("s-3", daysAfter(FIRST_SESSION, 20), work(CROWN, 0.3));
        fixture(policies, new Lots())
                .given(and(firstSessionAt(WEEKLY), judgedBy(TEN_DAYS_LATER, 2, 1)))
                .when(third)
                .expectNoEvents()
                .expectException(refusedBy("session-interval", Map.of("daysSinceLastSession", 10, "minimumDays", 14)));
    }

    @Test
    void aClinicWithoutAPolicyOfItsOwnIsJudgedByTheDeploymentsConfiguration() {
        adopt(FORTNIGHTLY, 1, ADOPTED, 14);

        fixture(policies, new Lots())
                .given(firstSessionAt(WEEKLY))
                .when(TEN_DAYS_LATER)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(e -> e instanceof SessionCompleted s && s.policyVersion() == 0), andNoMore())));
    }
}
