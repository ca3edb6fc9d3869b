package org.smpledger.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.events.treatment.ScalpZone.HAIRLINE;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.SessionCompleted.ZoneWork;
import org.smpledger.events.treatment.TouchUpRequested;

class ZoneDensityLedgerTest {

    private static final OverLayeringLimits LIMITS = OverLayeringLimits.DEFAULT;
    private static final Instant DAY_ONE = Instant.parse("2026-01-05T09:00:00Z");

    private static ZoneDensityLedger sessions(double... crownDoses) {
        ZoneDensityLedger ledger = ZoneDensityLedger.empty();
        for (int i = 0; i < crownDoses.length; i++) {
            ledger = ledger.withSession(
                    "evt-" + (i + 1),
                    "s" + (i + 1),
                    1,
                    i + 1,
                    DAY_ONE.plusSeconds(86400L * 10 * i),
                    List.of(new ZoneDose(CROWN, DensityFraction.of(crownDoses[i]))),
                    null);
        }
        return ledger;
    }

    @Nested
    class ACourseOfThreeSessionsBuildingToNaturalDensity {

        private final ZoneDensityLedger ledger = sessions(0.3, 0.4, 0.3);

        @Test
        void crownReachesFullDensityInThreeSessionsAndIsWatchedNotFlaggedHigh() {
            ZoneAssessment crown = ledger.assess(CROWN, LIMITS);

            assertThat(crown.cumulative().value()).isEqualTo(1.0);
            assertThat(crown.sessionsInCourse()).isEqualTo(3);
            assertThat(crown.contributions())
                    .extracting(c -> c.cumulativeAfter().value())
                    .containsExactly(0.3, 0.7, 1.0);
            assertThat(crown.level()).isEqualTo(RiskLevel.WATCH);
            // 1.0 sits within the watch ratio of the ceiling, and its 1.054 mm spacing near the 1.0 mm minimum
            assertThat(crown.findings())
                    .extracting(Finding::limit)
                    .containsExactlyInAnyOrder(Limit.DENSITY_CEILING, Limit.MEAN_DOT_SPACING);
            assertThat(crown.findings()).extracting(Finding::level).containsOnly(RiskLevel.WATCH);
        }

        @Test
        void meanDotSpacingAtNaturalDensityIsAboutOneMillimetre() {
            // 90 dots/cm2 -> 0.9 per mm2 -> 1/sqrt(0.9) = 1.054 mm
            assertThat(ledger.assess(CROWN, LIMITS).meanDotSpacingMm())
                    .isCloseTo(1.054, org.assertj.core.data.Offset.offset(0.001));
        }

        @Test
        void aFourthSessionAddingAnyDensityWouldBreakTheCeilingAndSaysByHowMuch() {
            List<LimitBreach> breaches =
                    ledger.breachesIf(List.of(new ZoneDose(CROWN, DensityFraction.of(0.2))), LIMITS);

            assertThat(breaches).extracting(LimitBreach::limit).contains(Limit.DENSITY_CEILING, Limit.MEAN_DOT_SPACING);
            LimitBreach ceiling = breaches.stream()
                    .filter(b -> b.limit() == Limit.DENSITY_CEILING)
                    .findFirst()
                    .orElseThrow();
            assertThat(ceiling.wouldBe()).isEqualTo(1.2);
            assertThat(ceiling.limitValue()).isEqualTo(1.0);
            assertThat(ceiling.explanation()).isEqualTo("crown would go from 1 to 1.2, past the ceiling of 1");
        }

        @Test
        void untouchedZonesAreNotAssessed() {
            assertThat(ledger.zones()).containsExactly(CROWN);
            assertThat(ledger.breachesIf(List.of(new ZoneDose(HAIRLINE, DensityFraction.of(0.4))), LIMITS))
                    .isEmpty();
        }
    }

    @Test
    void aFifthSessionIsFlaggedHighNamingTheSessionThatWentPastTheLimit() {
        ZoneAssessment crown = sessions(0.2, 0.2, 0.2, 0.1, 0.1).assess(CROWN, LIMITS);

        assertThat(crown.level()).isEqualTo(RiskLevel.HIGH);
        Finding sessions = crown.findings().stream()
                .filter(f -> f.limit() == Limit.SESSIONS_PER_COURSE)
                .findFirst()
                .orElseThrow();
        assertThat(sessions.actual()).isEqualTo(5);
        assertThat(sessions.explanation())
                .contains("5 sessions in course 1, 1 over the limit of 4")
                .contains("session 5 (s5) went past it");
    }

    @Test
    void densityExplanationNamesTheSessionThatPushedTheZoneOverAndTheOnesAfter() {
        ZoneAssessment crown = sessions(0.5, 0.4, 0.3, 0.1).assess(CROWN, LIMITS);

        Finding density = crown.findings().get(0);
        assertThat(density.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(density.explanation())
                .startsWith("crown is at 1.3 of natural density, 0.3 over the ceiling of 1")
                .contains("pushed past the ceiling by session 3 (s3) adding 0.3, from 0.9 to 1.2")
                .contains("then session 4 (s4) adding 0.1, from 1.2 to 1.3");
    }

    @Test
    void overriddenSessionsCarryTheirReasonIntoTheAssessment() {
        ZoneDensityLedger ledger = sessions(0.4, 0.4)
                .withSession(
                        "evt-3",
                        "s3",
                        1,
                        3,
                        DAY_ONE.plusSeconds(86400 * 30),
                        List.of(new ZoneDose(CROWN, DensityFraction.of(0.4))),
                        "scar tissue absorbed pigment");

        ZoneAssessment crown = ledger.assess(CROWN, LIMITS);

        assertThat(crown.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(crown.contributions().get(2).overrideReason()).isEqualTo("scar tissue absorbed pigment");
    }

    @Nested
    class TouchUpsOpenANewCourse {

        @Test
        void aTouchUpWithARetainedEstimateStartsTheCourseThereAndResetsTheSessionCount() {
            ZoneDensityLedger ledger = sessions(0.3, 0.4, 0.3, 0.0)
                    .withTouchUp(Map.of(CROWN, DensityFraction.of(0.6)))
                    .withSession(
                            "evt-t1",
                            "t1",
                            2,
                            1,
                            DAY_ONE.plusSeconds(86400L * 1100),
                            List.of(new ZoneDose(CROWN, DensityFraction.of(0.3))),
                            null);

            ZoneAssessment crown = ledger.assess(CROWN, LIMITS);

            assertThat(ledger.currentCourse()).isEqualTo(2);
            assertThat(crown.baseline().value()).isEqualTo(0.6);
            assertThat(crown.cumulative().value()).isEqualTo(0.9);
            assertThat(crown.sessionsInCourse()).isEqualTo(1);
        }

        @Test
        void withoutAnEstimateNothingIsAssumedFadedSoTheTouchUpSessionWouldBreakTheCeiling() {
            ZoneDensityLedger ledger = sessions(0.3, 0.4, 0.3).withTouchUp(Map.of());

            assertThat(ledger.assess(CROWN, LIMITS).baseline().value()).isEqualTo(1.0);
            assertThat(ledger.breachesIf(List.of(new ZoneDose(CROWN, DensityFraction.of(0.2))), LIMITS))
                    .extracting(LimitBreach::limit)
                    .contains(Limit.DENSITY_CEILING);
        }
    }

    @Nested
    class FoldingTheRecordedEvents {

        private final NaturalDensity natural = NaturalDensity.DEFAULT;

        private SessionCompleted session(String id, int number, ZoneWork... work) {
            return new SessionCompleted(
                    "client-1", id, 1, number, DAY_ONE, DAY_ONE.plusSeconds(7200), "pr-1", List.of(work), null, null);
        }

        private ZoneWork crown(Double fraction, Double dots) {
            return new ZoneWork(CROWN, fraction, dots, 3, 0.25, 0.8, List.of(), null);
        }

        @Test
        void dotsPerSquareCentimetreAreReadAgainstNaturalDensity() {
            ZoneDensityLedger ledger =
                    ZoneDensityLedger.empty().after("e1", session("s1", 1, crown(null, 27.0)), natural);

            assertThat(ledger.assess(CROWN, LIMITS).cumulative().value()).isEqualTo(0.3);
        }

        @Test
        void aCorrectionOfAZonesDensityReplacesItAndAVoidedSessionDisappears() {
            ZoneDensityLedger ledger = ZoneDensityLedger.empty()
                    .after("e1", session("s1", 1, crown(0.3, null)), natural)
                    .after("e2", session("s2", 2, crown(0.9, null)), natural)
                    .after(
                            "e3",
                            new RecordCorrected(
                                    "client-1",
                                    "c1",
                                    "e2",
                                    "SessionCompleted",
                                    "typed 0.9 for 0.4",
                                    Map.of("zoneWork[0].densityAddedFraction", "0.4"),
                                    false),
                            natural);

            assertThat(ledger.assess(CROWN, LIMITS).cumulative().value()).isEqualTo(0.7);

            ZoneDensityLedger voided = ledger.after(
                    "e4",
                    new RecordCorrected(
                            "client-1", "c2", "e1", "SessionCompleted", "recorded on the wrong client", Map.of(), true),
                    natural);
            assertThat(voided.assess(CROWN, LIMITS).cumulative().value()).isEqualTo(0.4);
            assertThat(voided.assess(CROWN, LIMITS).sessionsInCourse()).isEqualTo(1);
        }

        @Test
        void aTouchUpRequestOpensTheNextCourseWithItsRetainedDensity() {
            ZoneDensityLedger ledger = ZoneDensityLedger.empty()
                    .after("e1", session("s1", 1, crown(0.8, null)), natural)
                    .after(
                            "e2",
                            new TouchUpRequested(
                                    "client-1",
                                    "tu1",
                                    DAY_ONE.plusSeconds(86400L * 1000),
                                    TouchUpRequested.Reason.FADING,
                                    List.of(CROWN),
                                    "pr-1",
                                    List.of(new TouchUpRequested.RetainedDensity(CROWN, 0.5)),
                                    null),
                            natural);

            assertThat(ledger.currentCourse()).isEqualTo(2);
            assertThat(ledger.assess(CROWN, LIMITS).cumulative().value()).isEqualTo(0.5);
        }

        private TouchUpRequested touchUp(String id, double crownRetained) {
            return new TouchUpRequested(
                    "client-1",
                    id,
                    DAY_ONE.plusSeconds(86400L * 1000),
                    TouchUpRequested.Reason.FADING,
                    List.of(CROWN),
                    "pr-1",
                    List.of(new TouchUpRequested.RetainedDensity(CROWN, crownRetained)),
                    null);
        }

        private RecordCorrected correcting(String id, String eventId, Map<String, String> changes, boolean voided) {
            return new RecordCorrected("client-1", id, eventId, "SessionCompleted", "typo", changes, voided);
        }

        @Test
        void aCorrectedZoneMovesItsDensityToThatZone() {
            ZoneDensityLedger ledger = ZoneDensityLedger.empty()
                    .after("e1", session("s1", 1, crown(0.4, null)), natural)
                    .after("e2", correcting("c1", "e1", Map.of("zoneWork[0].zone", "HAIRLINE"), false), natural);

            assertThat(ledger.zones()).containsExactly(HAIRLINE);
            assertThat(ledger.assess(HAIRLINE, LIMITS).cumulative().value()).isEqualTo(0.4);
        }

        @Test
        void aCorrectedRetainedEstimateOpensTheCourseWithItAndAVoidedTouchUpOpensNone() {
            ZoneDensityLedger ledger = ZoneDensityLedger.empty()
                    .after("e1", session("s1", 1, crown(0.8, null)), natural)
                    .after("e2", touchUp("tu1", 0.5), natural)
                    .after(
                            "e3",
                            new RecordCorrected(
                                    "client-1",
                                    "c1",
                                    "e2",
                                    "TouchUpRequested",
                                    "estimate was 0.4",
                                    Map.of("retainedDensity[0].fraction", "0.4"),
                                    false),
                            natural);

            assertThat(ledger.currentCourse()).isEqualTo(2);
            assertThat(ledger.assess(CROWN, LIMITS).cumulative().value()).isEqualTo(0.4);

            ZoneDensityLedger voided = ledger.after(
                    "e4",
                    new RecordCorrected("client-1", "c2", "e2", "TouchUpRequested", "no touch-up", Map.of(), true),
                    natural);
            assertThat(voided.currentCourse()).isEqualTo(1);
            assertThat(voided.assess(CROWN, LIMITS).cumulative().value()).isEqualTo(0.8);
        }

        @Test
        void aStoredCorrectionTheLedgerCannotReadLeavesTheDensityAsItWas() {
            ZoneDensityLedger ledger = ZoneDensityLedger.empty()
                    .after("e1", session("s1", 1, crown(0.4, null)), natural)
                    .after(
                            "e2",
                            correcting(
                                    "c1",
                                    "e1",
                                    Map.of(
                                            "zoneWork[0].densityAddedFraction", "-1",
                                            "zoneWork[3].densityAddedFraction", "0.9",
                                            "zoneWork[0].dotsPerCm2", "many"),
                                    false),
                            natural);

            assertThat(ledger.assess(CROWN, LIMITS).cumulative().value()).isEqualTo(0.4);
        }

        @Test
        void sessionsTouchUpsAndCorrectionsAreWhatMovesDensity() {
            assertThat(ZoneDensityLedger.reads(session("s1", 1, crown(0.4, null))))
                    .isTrue();
            assertThat(ZoneDensityLedger.reads(touchUp("tu1", 0.5))).isTrue();
            assertThat(ZoneDensityLedger.reads(correcting("c1", "e1", Map.of(), true)))
                    .isTrue();
            assertThat(ZoneDensityLedger.reads(new org.smpledger.events.treatment.ConsentSigned(
                            "client-1", "c-1", DAY_ONE, "v3", "c.pdf", null)))
                    .isFalse();
        }
    }

    @Test
    void valueObjectsRefuseImpossibleNumbers() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> DensityFraction.of(-0.1));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> DensityFraction.of(Double.NaN));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> Millimetres.of(-1));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new OverLayeringLimits(
                        DensityFraction.of(1), 0, Millimetres.of(1), 0.85, NaturalDensity.DEFAULT));
    }
}
