package org.smpledger.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.events.treatment.ScalpZone.HAIRLINE;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.RecordCorrected;

/** Every field the ledger reads is read as its corrections leave it. */
class CorrectionsReachTheLedgerTest {

    @Test
    void aCorrectedDensityReplacesTheRecordedOneAndAVoidedSessionDropsOut() {
        ClientCourse course = new ClientCourse()
                .session(CROWN, 0.3)
                .session(CROWN, 0.9)
                .corrected(2, "SessionCompleted", Map.of("zoneWork[0].densityAddedFraction", "0.4"));
        assertThat(course.assess(CROWN).density().value()).isEqualTo(0.7);

        course.voided(1, "SessionCompleted");
        assertThat(course.assess(CROWN).density().value()).isEqualTo(0.4);
        assertThat(course.assess(CROWN).sessionsInCourse()).isEqualTo(1);
    }

    @Test
    void aCorrectedZoneMovesItsDensityToThatZone() {
        ClientCourse course = new ClientCourse()
                .session(CROWN, 0.4)
                .corrected(1, "SessionCompleted", Map.of("zoneWork[0].zone", "HAIRLINE"));

        assertThat(course.ledger().zones()).containsExactly(HAIRLINE);
        assertThat(course.assess(HAIRLINE).density().value()).isEqualTo(0.4);
    }

    @Test
    void aCorrectedNeedleChangesTheHealedDotSize() {
        ClientCourse course = new ClientCourse()
                .session(CROWN, 0.4)
                .corrected(1, "SessionCompleted", Map.of("zoneWork[0].needleCount", "7"));

        assertThat(course.ledger().standing(CROWN).healedDot()).isEqualTo(Millimetres.of(0.45));
    }

    @Test
    void aCorrectedRetainedShareChangesWhatIsCountedAsLost() {
        ClientCourse course = new ClientCourse()
                .session(CROWN, 0.5)
                .session(CROWN, 0.5)
                .retained(CROWN, 0.75)
                .corrected(3, "HealingAssessed", Map.of("observations[0].retainedFraction", "0.5"));
        assertThat(course.assess(CROWN).density().value()).isEqualTo(0.5);

        course.voided(3, "HealingAssessed");
        assertThat(course.assess(CROWN).density().value()).isEqualTo(1.0);
    }

    @Test
    void aHealingCheckCorrectedToRecordFadingCountsTheLoss() {
        ClientCourse course = new ClientCourse()
                .session(CROWN, 0.5)
                .session(CROWN, 0.5)
                .healingCheck(new org.smpledger.events.treatment.HealingAssessed.ZoneObservation(
                        CROWN, org.smpledger.events.treatment.HealingAssessed.Observation.HEALED_WELL, null, null))
                .corrected(3, "HealingAssessed", Map.of("observations[0].observedDensity", "0.8"));

        assertThat(course.assess(CROWN).density().value()).isEqualTo(0.8);
    }

    @Test
    void aHealingCheckThatSawBlurringIsWatchedUntilCorrectedToWhatWasReallySeen() {
        ClientCourse course = new ClientCourse()
                .session(CROWN, 0.4)
                .healingCheck(new org.smpledger.events.treatment.HealingAssessed.ZoneObservation(
                        CROWN, org.smpledger.events.treatment.HealingAssessed.Observation.BLURRING, null, null));
        ZoneAssessment seen = course.assess(CROWN);
        assertThat(seen.level()).isEqualTo(RiskLevel.WATCH);
        assertThat(seen.findings().get(0).explanation())
                .isEqualTo("healing checks saw dots spreading on crown: blurring by ha-2");

        course.corrected(2, "HealingAssessed", Map.of("observations[0].observation", "HEALED_WELL"));
        assertThat(course.assess(CROWN).level()).isEqualTo(RiskLevel.OK);
    }

    @Test
    void aCorrectedPlanTargetIsTheTargetTheCourseIsJudgedBy() {
        ClientCourse course =
                new ClientCourse().planned(3, CROWN, 0.6).session(CROWN, 0.4).session(CROWN, 0.4);
        assertThat(course.assess(CROWN).level()).isEqualTo(RiskLevel.WATCH);

        course.corrected(1, "TreatmentPlanned", Map.of("targets[0].targetDensity", "0.9"));
        assertThat(course.assess(CROWN).level()).isEqualTo(RiskLevel.OK);
        assertThat(course.assess(CROWN).standing().plan().target().value()).isEqualTo(0.9);
    }

    @Test
    void aCorrectedRetainedEstimateOpensTheCourseWithItAndAVoidedTouchUpOpensNone() {
        ClientCourse course = new ClientCourse()
                .session(CROWN, 0.8)
                .touchUp(Map.of(CROWN, 0.5))
                .corrected(2, "TouchUpRequested", Map.of("retainedDensity[0].fraction", "0.4"));
        assertThat(course.ledger().currentCourse()).isEqualTo(2);
        assertThat(course.assess(CROWN).density().value()).isEqualTo(0.4);

        course.voided(2, "TouchUpRequested");
        assertThat(course.ledger().currentCourse()).isEqualTo(1);
        assertThat(course.assess(CROWN).density().value()).isEqualTo(0.8);
    }

    @Test
    void aStoredCorrectionTheLedgerCannotReadLeavesTheDensityAsItWas() {
        ClientCourse course = new ClientCourse()
                .session(CROWN, 0.4)
                .corrected(
                        1,
                        "SessionCompleted",
                        Map.of(
                                "zoneWork[0].densityAddedFraction", "-1",
                                "zoneWork[3].densityAddedFraction", "0.9",
                                "zoneWork[0].dotsPerCm2", "many"));

        assertThat(course.assess(CROWN).density().value()).isEqualTo(0.4);
    }

    @Test
    void onlyTheEventsThatMoveOrJudgeDensityAreRead() {
        assertThat(ZoneDensityLedger.reads(
                        new RecordCorrected("c", "c1", "e1", "SessionCompleted", "x", Map.of(), true)))
                .isTrue();
        assertThat(ZoneDensityLedger.reads(new ConsentSigned(
                        "client-1", "c-1", Instant.parse("2026-01-05T09:00:00Z"), "v3", "c.pdf", null)))
                .isFalse();
    }
}
