package org.smpledger.domain.treatment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.domain.treatment.Clinic.*;
import static org.smpledger.domain.treatment.Levels.and;
import static org.smpledger.domain.treatment.Refusals.refusedBy;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.events.treatment.ScalpZone.MID_SCALP;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.smpledger.density.RiskLevel;
import org.smpledger.density.ZoneAssessment;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TreatmentPlanned;
import org.smpledger.events.treatment.TreatmentPlanned.Factor;
import org.smpledger.events.treatment.TreatmentPlanned.FactorKind;
import org.smpledger.events.treatment.TreatmentPlanned.ZoneTarget;

/** 0.3, 0.4 and 0.3 of natural density on the crown, planned to reach 1.0 in three sessions. */
class CrownCourseAgainstItsPlanTest {

    private static final Instant PLANNED_AT = daysBefore(FIRST_SESSION, 1);
    private static final List<ZoneTarget> CROWN_TO_FULL = List.of(new ZoneTarget(CROWN, 1.0));
    private static final List<Factor> FACTORS = List.of(
            new Factor(FactorKind.SKIN_TYPE, "Fitzpatrick III"),
            new Factor(FactorKind.PIGMENT_SHADE, "dark brown 20:1"));
    private static final TreatmentPlanned PLANNED =
            new TreatmentPlanned(CLIENT, "plan-1", 1, PLANNED_AT, PRACTITIONER, 3, CROWN_TO_FULL, FACTORS, null);

    private static final CompleteSession S1 = session("s-1", FIRST_SESSION, work(CROWN, 0.3));
    private static final CompleteSession S2 = session("s-2", daysAfter(FIRST_SESSION, 14), work(CROWN, 0.4));
    private static final CompleteSession S3 = session("s-3", daysAfter(FIRST_SESSION, 28), work(CROWN, 0.3));
    private static final CompleteSession S4 = session("s-4", daysAfter(FIRST_SESSION, 70), work(CROWN, 0.25));

    private static Object[] twoSessionsIn() {
        return and(readyForFirstSession(), PLANNED, completed(S1, 1, 1), completed(S2, 1, 2));
    }

    private static Object[] textbookCourse() {
        return and(twoSessionsIn(), completed(S3, 1, 3));
    }

    private static HealingAssessed quarterFaded() {
        return quarterFaded("crown lighter than the rest");
    }

    private static HealingAssessed quarterFaded(String notes) {
        return new HealingAssessed(
                CLIENT,
                "ha-1",
                "s-3",
                daysAfter(FIRST_SESSION, 60),
                PRACTITIONER,
                HealingAssessed.Outcome.AS_EXPECTED,
                List.of(new HealingAssessed.ZoneObservation(CROWN, HealingAssessed.Observation.FADING, 0.75, null)),
                notes);
    }

    @Nested
    class ThePlan {
        @Test
        void isRecordedForTheCurrentCourseWithItsFactors() {
            fixture()
                    .given(readyForFirstSession())
                    .when(new PlanTreatment(
                            CLIENT, null, "plan-1", PLANNED_AT, PRACTITIONER, 3, CROWN_TO_FULL, FACTORS, null))
                    .expectEvents(PLANNED);
        }

        @Test
        void aTargetAboveTheClinicsCeilingIsRefused() {
            fixture()
                    .given(readyForFirstSession())
                    .when(new PlanTreatment(
                            CLIENT,
                            null,
                            "plan-1",
                            PLANNED_AT,
                            PRACTITIONER,
                            3,
                            List.of(new ZoneTarget(CROWN, 1.2)),
                            FACTORS,
                            null))
                    .expectNoEvents()
                    .expectException(refusedBy(
                            "plan-target-above-ceiling",
                            Map.of("zone", "CROWN", "targetDensity", 1.2, "ceiling", 1.0)));
        }

        @Test
        void moreSessionsThanTheClinicAllowsPerCourseAreRefused() {
            fixture()
                    .given(readyForFirstSession())
                    .when(new PlanTreatment(
                            CLIENT, null, "plan-1", PLANNED_AT, PRACTITIONER, 5, CROWN_TO_FULL, FACTORS, null))
                    .expectNoEvents()
                    .expectException(refusedBy("plan-sessions-above-limit", Map.of("plannedSessions", 5, "limit", 4)));
        }
    }

    @Test
    void theThirdSessionReachesThePlansTargetAndTheCrownIsOk() {
        fixture().given(twoSessionsIn()).when(S3).expectEvents(completed(S3, 1, 3));

        ZoneAssessment crown = Levels.of(CROWN, textbookCourse());
        assertThat(crown.level()).isEqualTo(RiskLevel.OK);
        assertThat(crown.explanation())
                .startsWith(
                        "crown is at 1 of natural density after 3 sessions in course 1: within every limit and the plan")
                .contains("Treatment plan plan-1: 3 sessions to 1 on crown, reached");
    }

    @Test
    void afterAHealingCheckRecordingAQuarterFadedAFourthSessionOfAQuarterNeedsNoOverrideAndIsOk() {
        Object[] faded = and(textbookCourse(), quarterFaded());

        fixture().given(faded).when(S4).expectEvents(completed(S4, 1, 4));

        ZoneAssessment crown = Levels.of(CROWN, and(faded, completed(S4, 1, 4)));
        assertThat(crown.level()).isEqualTo(RiskLevel.OK);
        assertThat(crown.density().value()).isEqualTo(1.0);
        assertThat(crown.explanation())
                .contains("ha-1 (2026-05-09) found 75% of the course's work retained, 1 to 0.75 (0.25 lost)")
                .contains("4 (s-4, 2026-05-19) added 0.25, 0.75 to 1, restoring observed loss");
    }

    @Nested
    class TheSameFourthSessionWithoutRecordedFading {

        @Test
        void isRefusedByTheCeilingWithTheNumbers() {
            fixture()
                    .given(textbookCourse())
                    .when(S4)
                    .expectNoEvents()
                    .expectException(
                            refusedBy("density-ceiling", Map.of("zone", "CROWN", "wouldBe", 1.25, "limit", 1.0)));
        }

        @Test
        void isAcceptedWithAnOverrideAndThenHighWithTheOverrideNamed() {
            CompleteSession overridden = sessionWithOverride(
                    "s-4", daysAfter(FIRST_SESSION, 70), "client asked for a darker crown", work(CROWN, 0.25));
            SessionCompleted recorded = new SessionCompleted(
                    CLIENT,
                    "s-4",
                    1,
                    4,
                    overridden.startedAt(),
                    overridden.endedAt(),
                    PRACTITIONER,
                    overridden.zoneWork(),
                    new SessionCompleted.Override(
                            "client asked for a darker crown",
                            "pr-lead",
                            List.of("density-ceiling: crown would go from 1 to 1.25, past the ceiling of 1")),
                    null,
                    0);

            fixture().given(textbookCourse()).when(overridden).expectEvents(recorded);

            ZoneAssessment crown = Levels.of(CROWN, and(textbookCourse(), recorded));
            assertThat(crown.level()).isEqualTo(RiskLevel.HIGH);
            assertThat(crown.explanation())
                    .startsWith("crown is at 1.25 of natural density, 0.25 over the ceiling of 1;"
                            + " pushed past the ceiling by session 4 (s-4)")
                    .contains("Overrides: session 4 (s-4): client asked for a darker crown")
                    .endsWith("Judged by the deployment's default policy (v0).");
        }
    }

    @Test
    void oneSessionAddingFourFifthsOfNaturalDensityToAZoneIsRefusedByTheDoseCap() {
        fixture()
                .given(readyForFirstSession())
                .when(session("s-1", FIRST_SESSION, work(MID_SCALP, 0.8)))
                .expectNoEvents()
                .expectException(
                        refusedBy("dose-per-session", Map.of("zone", "MID_SCALP", "wouldBe", 0.8, "limit", 0.5)));
    }

    @Nested
    class TheHealingCheck {
        private AssessHealing check(HealingAssessed.ZoneObservation seen) {
            return new AssessHealing(
                    CLIENT,
                    null,
                    "ha-1",
                    "s-3",
                    daysAfter(FIRST_SESSION, 60),
                    PRACTITIONER,
                    HealingAssessed.Outcome.AS_EXPECTED,
                    List.of(seen),
                    null);
        }

        @Test
        void recordsWhatTheCrownRetained() {
            fixture()
                    .given(textbookCourse())
                    .when(check(quarterFaded().observations().get(0)))
                    .expectEvents(quarterFaded(null));
        }

        @Test
        void refusesARetainedShareAboveTheWhole() {
            fixture()
                    .given(textbookCourse())
                    .when(check(
                            new HealingAssessed.ZoneObservation(CROWN, HealingAssessed.Observation.FADING, 1.2, null)))
                    .expectNoEvents()
                    .expectException(refusedBy("retained-density-invalid", Map.of("zone", "CROWN")));
        }

        @Test
        void refusesAShareAndADensityForTheSameZone() {
            fixture()
                    .given(textbookCourse())
                    .when(check(
                            new HealingAssessed.ZoneObservation(CROWN, HealingAssessed.Observation.FADING, 0.7, 0.7)))
                    .expectNoEvents()
                    .expectException(refusedBy("retained-density-invalid"));
        }
    }
}
