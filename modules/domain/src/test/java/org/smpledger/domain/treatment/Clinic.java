package org.smpledger.domain.treatment;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.smpledger.domain.lot.LotFacts;
import org.smpledger.domain.lot.PigmentLots;
import org.smpledger.domain.policy.ClinicPolicies;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.clinic.ClinicRules;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.ContraindicationScreened.Finding;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.SessionCompleted.PigmentUse;
import org.smpledger.events.treatment.SessionCompleted.ZoneWork;

/** Terse builders for a client's course at one clinic, in the clinic's words. */
final class Clinic {

    static final String CLINIC = "clinic-north";
    static final String CLIENT = "client-1";
    static final String PRACTITIONER = "pr-anna";
    static final String LOT = "lot-ink-1";
    static final String OTHER_BRAND_LOT = "lot-other-brand";
    static final String BRAND = "InkCo";
    /** Day of the first session; everything before it is set up relative to this. */
    static final Instant FIRST_SESSION = Instant.parse("2026-03-10T09:00:00Z");

    private Clinic() {}

    static Instant daysBefore(Instant t, long days) {
        return t.minus(Duration.ofDays(days));
    }

    static Instant daysAfter(Instant t, long days) {
        return t.plus(Duration.ofDays(days));
    }

    static final class Lots implements PigmentLots {
        final Map<String, LotFacts> lots = new HashMap<>();

        Lots() {
            add(new LotFacts(
                    LOT,
                    CLINIC,
                    BRAND,
                    "dark brown",
                    "B-1001",
                    LocalDate.parse("2027-12-31"),
                    Instant.parse("2026-01-02T10:00:00Z"),
                    Optional.empty()));
            add(new LotFacts(
                    OTHER_BRAND_LOT,
                    CLINIC,
                    "OtherInk",
                    "black",
                    "O-7",
                    LocalDate.parse("2027-12-31"),
                    Instant.parse("2026-01-02T10:00:00Z"),
                    Optional.empty()));
        }

        Lots add(LotFacts lot) {
            lots.put(lot.lotId(), lot);
            return this;
        }

        @Override
        public Optional<LotFacts> find(String lotId) {
            return Optional.ofNullable(lots.get(lotId));
        }
    }

    static AggregateTestFixture<TreatmentRecord> fixture(ClinicPolicy policy, Lots lots) {
        return fixture(ClinicPolicies.always(policy), lots);
    }

    static AggregateTestFixture<TreatmentRecord> fixture(ClinicPolicies policies, Lots lots) {
        AggregateTestFixture<TreatmentRecord> fixture = new AggregateTestFixture<>(TreatmentRecord.class);
        fixture.registerInjectableResource(policies);
        fixture.registerInjectableResource(lots);
        return fixture;
    }

    /** The default rules with another number of days between sessions. */
    static ClinicPolicy daysBetweenSessions(int days) {
        return ClinicPolicy.DEFAULTS.with(rules -> rules.withSessions(
                new ClinicRules.Sessions(days, rules.sessions().maxPerCourse())));
    }

    /** The default rules with other density limits. */
    static ClinicPolicy densityLimits(double ceiling, double usualTarget, double maxAdded, double minimumDotGapMm) {
        return ClinicPolicy.DEFAULTS.with(rules ->
                rules.withDensity(new ClinicRules.Density(ceiling, usualTarget, maxAdded, minimumDotGapMm, 0.85)));
    }

    static AggregateTestFixture<TreatmentRecord> fixture() {
        return fixture(ClinicPolicy.DEFAULTS, new Lots());
    }

    static MetaData sentBy(String clinic) {
        return MetaData.with(EventMetadata.CLINIC_ID, clinic).and(EventMetadata.ACTOR_ID, PRACTITIONER);
    }

    static MetaData retried(String key, String fingerprint) {
        return sentBy(CLINIC)
                .and(EventMetadata.IDEMPOTENCY_KEY, key)
                .and(EventMetadata.REQUEST_FINGERPRINT, fingerprint);
    }

    static ClientRegistered registered() {
        return new ClientRegistered(
                CLIENT,
                CLINIC,
                new PersonalDetails("Sam Client", LocalDate.parse("1985-04-02"), null, null),
                Instant.parse("2026-02-01T10:00:00Z"));
    }

    static ConsultationHeld consultation(ConsultationHeld.Scar... scars) {
        return new ConsultationHeld(
                CLIENT,
                "cons-1",
                Instant.parse("2026-02-01T11:00:00Z"),
                PRACTITIONER,
                new ConsultationHeld.HairLossAssessment(ConsultationHeld.HairLossScale.NORWOOD, "V"),
                ConsultationHeld.AlopeciaType.ANDROGENETIC,
                new ConsultationHeld.SkinProfile(
                        ConsultationHeld.FitzpatrickType.III, ConsultationHeld.Undertone.NEUTRAL),
                List.of(scars),
                "a soft natural shaved look");
    }

    static ContraindicationScreened screening(Finding... findings) {
        return screening("scr-1", findings);
    }

    static ContraindicationScreened screening(String id, Finding... findings) {
        return new ContraindicationScreened(
                CLIENT, id, Instant.parse("2026-02-01T11:30:00Z"), PRACTITIONER, List.of(findings));
    }

    static ConsentSigned consent() {
        return new ConsentSigned(
                CLIENT, "consent-1", Instant.parse("2026-02-01T12:00:00Z"), "v3", "doc://consent-1", "pr-ben");
    }

    /** A patch test with {@link #LOT}, read 48 h after application, {@code hoursBeforeFirstSession} before it. */
    static PatchTestRecorded patchTest(PatchTestRecorded.Result result, long hoursBeforeFirstSession) {
        Instant readAt = FIRST_SESSION.minus(Duration.ofHours(hoursBeforeFirstSession));
        return new PatchTestRecorded(
                CLIENT,
                "pt-1",
                LOT,
                BRAND,
                "behind the left ear",
                readAt.minus(Duration.ofHours(48)),
                readAt,
                result,
                result == PatchTestRecorded.Result.POSITIVE ? "redness and swelling" : null,
                result == PatchTestRecorded.Result.WAIVED ? "same lot tested last year" : null,
                PRACTITIONER);
    }

    static PatchTestRecorded negativePatchTest() {
        return patchTest(PatchTestRecorded.Result.NEGATIVE, 72);
    }

    /** Everything a first session needs: registered, consulted, screened clear, consented, negative patch test. */
    static Object[] readyForFirstSession() {
        return new Object[] {registered(), consultation(), screening(), consent(), negativePatchTest()};
    }

    static ZoneWork work(ScalpZone zone, double fraction) {
        return work(zone, fraction, LOT);
    }

    static ZoneWork work(ScalpZone zone, double fraction, String lot) {
        return new ZoneWork(zone, fraction, null, 3, 0.25, 0.6, List.of(new PigmentUse(lot, 20)), null);
    }

    static CompleteSession session(String id, Instant start, ZoneWork... work) {
        return new CompleteSession(
                CLIENT,
                null,
                id,
                start,
                start.plus(Duration.ofHours(3)),
                PRACTITIONER,
                List.of(work),
                null,
                null,
                null);
    }

    static CompleteSession sessionWithOverride(String id, Instant start, String reason, ZoneWork... work) {
        return new CompleteSession(
                CLIENT,
                null,
                id,
                start,
                start.plus(Duration.ofHours(3)),
                PRACTITIONER,
                List.of(work),
                reason,
                "pr-lead",
                null);
    }

    /** The event a session command records when it passes, as the {@code number}-th session of course 1. */
    static SessionCompleted completed(CompleteSession command, int course, int number) {
        return new SessionCompleted(
                CLIENT,
                command.sessionId(),
                course,
                number,
                command.startedAt(),
                command.endedAt(),
                command.practitionerId(),
                command.zoneWork(),
                null,
                command.notes(),
                0);
    }
}
