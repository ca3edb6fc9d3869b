package org.smpledger.domain.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.domain.recording.Recorded;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.clinic.ClinicPolicyAdopted;
import org.smpledger.events.clinic.ClinicRules;

/** A clinic adopts its rules as versions of its own policy. */
class ClinicAdoptingItsOwnRulesTest {

    private static final String CLINIC = "clinic-north";
    private static final Instant NOW = Instant.parse("2026-04-01T09:00:00Z");
    private static final ClinicRules FORTNIGHT =
            ClinicPolicy.DEFAULT_RULES.withSessions(new ClinicRules.Sessions(14, 4));

    private final AggregateTestFixture<ClinicRuleBook> fixture = new AggregateTestFixture<>(ClinicRuleBook.class);

    private static MetaData admin(String clinic) {
        return MetaData.with(EventMetadata.CLINIC_ID, clinic).and(EventMetadata.ACTOR_ID, "admin-1");
    }

    private static ClinicPolicyAdopted adopted(int version, ClinicRules rules, Instant effectiveFrom) {
        return new ClinicPolicyAdopted(
                CLINIC,
                CLINIC + "/v" + version,
                version,
                NOW,
                "admin-1",
                effectiveFrom,
                rules,
                "we want a fortnight between sessions");
    }

    private static AdoptClinicPolicy adopt(ClinicRules rules, Instant effectiveFrom) {
        return new AdoptClinicPolicy(
                CLINIC, null, NOW, "admin-1", effectiveFrom, rules, "we want a fortnight between sessions");
    }

    @Test
    void theFirstAdoptionIsVersionOneInForceFromWhenTheClinicSaid() {
        Instant monday = Instant.parse("2026-04-06T00:00:00Z");
        fixture.givenNoPriorActivity()
                .when(adopt(FORTNIGHT, monday), admin(CLINIC))
                .expectEvents(adopted(1, FORTNIGHT, monday));
    }

    @Test
    void eachLaterAdoptionIsTheNextVersionAndWithoutADateItIsInForceAtOnce() {
        fixture.given(adopted(1, FORTNIGHT, NOW))
                .when(adopt(ClinicPolicy.DEFAULT_RULES, null), admin(CLINIC))
                .expectEvents(adopted(2, ClinicPolicy.DEFAULT_RULES, NOW));
    }

    @Test
    void rulesWithACeilingBelowTheTargetAreRefusedNamingTheField() {
        ClinicRules upsideDown =
                ClinicPolicy.DEFAULT_RULES.withDensity(new ClinicRules.Density(0.8, 1.0, 0.5, 0.5, 0.85));
        fixture.givenNoPriorActivity()
                .when(adopt(upsideDown, NOW), admin(CLINIC))
                .expectNoEvents()
                .expectExceptionMessage(
                        org.hamcrest.Matchers.containsString("density.ceiling must not be below the usual target"));
        assertThat(ClinicPolicy.problems(upsideDown))
                .containsExactly(
                        new ClinicPolicy.RuleProblem("density.ceiling", "must not be below the usual target (1.0)"));
    }

    @Test
    void aNegativeIntervalIsAProblemOfItsField() {
        assertThat(ClinicPolicy.problems(ClinicPolicy.DEFAULT_RULES.withSessions(new ClinicRules.Sessions(-1, 4))))
                .extracting(ClinicPolicy.RuleProblem::field)
                .containsExactly("sessions.minimumDaysBetween");
    }

    @Test
    void aPolicyCannotTakeEffectBeforeItIsAdopted() {
        fixture.givenNoPriorActivity()
                .when(adopt(FORTNIGHT, NOW.minusSeconds(86400)), admin(CLINIC))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("takes effect at its adoption"));
    }

    @Test
    void aClinicAdoptsOnlyItsOwnPolicy() {
        fixture.givenNoPriorActivity()
                .when(adopt(FORTNIGHT, NOW), admin("clinic-south"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aRetriedAdoptionWithTheSameKeyIsRecordedOnce() {
        MetaData retried = admin(CLINIC)
                .and(EventMetadata.IDEMPOTENCY_KEY, "adopt-1")
                .and(EventMetadata.REQUEST_FINGERPRINT, "f1");
        fixture.givenNoPriorActivity()
                .andGivenCommands(List.of(
                        org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage(adopt(FORTNIGHT, NOW))
                                .andMetaData(retried)))
                .when(adopt(FORTNIGHT, NOW), retried)
                .expectNoEvents()
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(org.axonframework.test.matchers.Matchers.predicate(
                        outcome -> outcome instanceof Recorded recorded
                                && recorded.streamVersion() == 0
                                && recorded.recordId().equals(CLINIC + "/v1")));
    }
}
