package org.smpledger.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.smpledger.density.ClientCourse.work;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.events.treatment.ScalpZone.MID_SCALP;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Too much pigment in one session, and dots so large for their spacing that their edges blur together. */
class DoseAndDotSizeTest {

    @Test
    void oneSessionAddingFourFifthsOfNaturalDensityIsPastTheDoseCap() {
        List<LimitBreach> breaches =
                new ClientCourse().ledger().breachesIf(List.of(work(MID_SCALP, 0.8)), OverLayeringLimits.DEFAULT);

        assertThat(breaches).singleElement().satisfies(b -> {
            assertThat(b.limit()).isEqualTo(Limit.DOSE_PER_SESSION);
            assertThat(b.wouldBe()).isEqualTo(0.8);
            assertThat(b.limitValue()).isEqualTo(0.5);
            assertThat(b.explanation())
                    .isEqualTo("this session would add 0.8 to mid-scalp, more than one session may add (0.5)");
        });
    }

    @Test
    void anOverriddenHeavySessionKeepsTheZoneHighNamingTheSession() {
        ZoneAssessment midScalp = new ClientCourse()
                .session("single-session client flying home", work(MID_SCALP, 0.8))
                .assess(MID_SCALP);

        assertThat(midScalp.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(midScalp.findings().get(0).explanation())
                .isEqualTo(
                        "a session added 0.8 to mid-scalp, past the most one session may add (0.5); session 1 (s1) added 0.8");
    }

    @Test
    void healedDotSizeComesFromTheNeedleGroupingAndDiameter() {
        HealedDotSizes sizes = HealedDotSizes.DEFAULT;

        assertThat(sizes.healedDiameter(1, 0.2)).contains(Millimetres.of(0.12));
        assertThat(sizes.healedDiameter(3, 0.25)).contains(Millimetres.of(0.325));
        assertThat(sizes.healedDiameter(7, 0.35)).contains(Millimetres.of(0.63));
        // a grouping that is not listed heals like the next larger one
        assertThat(sizes.healedDiameter(4, 0.3)).contains(Millimetres.of(0.48));
        assertThat(sizes.healedDiameter(9, 0.3)).contains(Millimetres.of(0.54));
        assertThat(sizes.healedDiameter(0, 0.3)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> new HealedDotSizes(Map.of(3, 0.0)));
    }

    @Test
    void largeDotsBlurBeforeTheCeilingSoTheSpacingLimitRefusesFirst() {
        ClientCourse course =
                new ClientCourse().session(null, work(CROWN, 0.3, 7, 0.35)).session(null, work(CROWN, 0.3, 7, 0.35));

        List<LimitBreach> third =
                course.ledger().breachesIf(List.of(work(CROWN, 0.3, 7, 0.35)), OverLayeringLimits.DEFAULT);

        assertThat(third).singleElement().satisfies(b -> {
            assertThat(b.limit()).isEqualTo(Limit.DOT_SPACING);
            assertThat(b.wouldBe()).isEqualTo(0.481111);
            assertThat(b.explanation())
                    .isEqualTo(
                            "healed dots of 0.63 mm on crown would be 0.481 mm apart edge to edge at 0.9 of natural density,"
                                    + " less than the minimum of 0.5 mm");
        });
        ZoneAssessment atSixTenths = course.assess(CROWN);
        assertThat(atSixTenths.level()).isEqualTo(RiskLevel.OK);
    }

    @Test
    void largeDotsNearTheBlurLimitAreWatched() {
        ZoneAssessment crown = new ClientCourse()
                .session(null, work(CROWN, 0.4, 7, 0.35))
                .session(null, work(CROWN, 0.4, 7, 0.35))
                .assess(CROWN);

        assertThat(crown.level()).isEqualTo(RiskLevel.WATCH);
        assertThat(crown.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.explanation())
                        .isEqualTo(
                                "healed dots of 0.63 mm on crown are 0.549 mm apart edge to edge, near the minimum of 0.5 mm"
                                        + " (watched below 0.588 mm)"));
    }

    @Test
    void theSmallDotsOfATextbookCourseAreFarFromBlurring() {
        ZoneStanding crown = new ClientCourse()
                .session(CROWN, 0.3)
                .session(CROWN, 0.4)
                .session(CROWN, 0.3)
                .ledger()
                .standing(CROWN);

        assertThat(crown.healedDot()).isEqualTo(Millimetres.of(0.325));
        assertThat(crown.centreSpacingMm()).isEqualTo(1.054093);
        assertThat(crown.dotGapMm()).isEqualTo(0.729093);
    }

    @Test
    void dotsPerSquareCentimetreAreCountedAgainstNaturalDensity() {
        ZoneAssessment crown = new ClientCourse()
                .session(
                        null,
                        new org.smpledger.events.treatment.SessionCompleted.ZoneWork(
                                CROWN, null, 27.0, 3, 0.25, null, List.of(), null))
                .assess(CROWN);

        assertThat(crown.density().value()).isEqualTo(0.3);
    }

    @Test
    void valueObjectsRefuseImpossibleNumbers() {
        assertThatIllegalArgumentException().isThrownBy(() -> DensityFraction.of(-0.1));
        assertThatIllegalArgumentException().isThrownBy(() -> DensityFraction.of(Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> Millimetres.of(-1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OverLayeringLimits(
                        DensityFraction.of(0.8),
                        DensityFraction.of(1.0),
                        DensityFraction.of(0.5),
                        4,
                        Millimetres.of(0.5),
                        0.85));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OverLayeringLimits(
                        DensityFraction.of(1.0),
                        DensityFraction.of(1.0),
                        DensityFraction.of(0.5),
                        0,
                        Millimetres.of(0.5),
                        0.85));
    }
}
