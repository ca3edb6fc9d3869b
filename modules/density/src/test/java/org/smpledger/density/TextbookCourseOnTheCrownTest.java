package org.smpledger.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.density.ClientCourse.work;
import static org.smpledger.events.treatment.ScalpZone.CROWN;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** 0.3, 0.4 and 0.3 of natural density on the crown over three sessions, with a plan for 1.0. */
class TextbookCourseOnTheCrownTest {

    private static ClientCourse textbookCourse() {
        return new ClientCourse()
                .planned(3, CROWN, 1.0)
                .session(CROWN, 0.3)
                .session(CROWN, 0.4)
                .session(CROWN, 0.3);
    }

    @Test
    void reachingThePlansTargetInThreeSessionsIsOk() {
        ZoneAssessment crown = textbookCourse().assess(CROWN);

        assertThat(crown.level()).isEqualTo(RiskLevel.OK);
        assertThat(crown.findings()).isEmpty();
        assertThat(crown.density().value()).isEqualTo(1.0);
        assertThat(crown.contributions())
                .extracting(c -> c.cumulativeAfter().value())
                .containsExactly(0.3, 0.7, 1.0);
        assertThat(crown.explanation())
                .startsWith(
                        "crown is at 1 of natural density after 3 sessions in course 1: within every limit and the plan")
                .contains("Treatment plan plan-1: 3 sessions to 1 on crown, reached")
                .contains("Sessions: 1 (s1, 2026-01-19) added 0.3, 0 to 0.3; 2 (s2, 2026-02-02) added 0.4, 0.3 to 0.7")
                .contains("No loss observed: nothing is taken as faded")
                .contains("Healed dots of 0.325 mm, 0.729 mm apart edge to edge (minimum 0.5 mm)")
                .endsWith("Judged by the default policy.");
    }

    @Test
    void aFourthSessionWithoutObservedFadingWouldPassTheCeiling() {
        List<LimitBreach> breaches =
                textbookCourse().ledger().breachesIf(List.of(work(CROWN, 0.25)), OverLayeringLimits.DEFAULT);

        assertThat(breaches).extracting(LimitBreach::limit).containsExactly(Limit.DENSITY_CEILING);
        assertThat(breaches.get(0).wouldBe()).isEqualTo(1.25);
        assertThat(breaches.get(0).explanation()).isEqualTo("crown would go from 1 to 1.25, past the ceiling of 1");
    }

    @Nested
    class AfterAHealingCheckRecordingAQuarterFaded {

        private ClientCourse faded() {
            return textbookCourse().retained(CROWN, 0.75);
        }

        @Test
        void theCrownCarriesWhatWasDepositedMinusWhatWasSeenLost() {
            ZoneAssessment crown = faded().assess(CROWN);

            assertThat(crown.density().value()).isEqualTo(0.75);
            assertThat(crown.retentionChecks()).singleElement().satisfies(check -> {
                assertThat(check.before().value()).isEqualTo(1.0);
                assertThat(check.after().value()).isEqualTo(0.75);
                assertThat(check.lost()).isEqualTo(0.25);
            });
            assertThat(crown.explanation())
                    .contains(
                            "Healing checks: ha-5 (2026-03-16) found 75% of the course's work retained, 1 to 0.75 (0.25 lost)")
                    .contains("Treatment plan plan-1: 3 sessions to 1 on crown, now 0.75");
        }

        @Test
        void aFourthSessionOfAQuarterIsWithinEveryLimitAndOk() {
            ClientCourse course = faded();
            assertThat(course.ledger().breachesIf(List.of(work(CROWN, 0.25)), OverLayeringLimits.DEFAULT))
                    .isEmpty();

            ZoneAssessment crown = course.session(CROWN, 0.25).assess(CROWN);

            assertThat(crown.level()).isEqualTo(RiskLevel.OK);
            assertThat(crown.density().value()).isEqualTo(1.0);
            assertThat(crown.sessionsInCourse()).isEqualTo(4);
            assertThat(crown.contributions().get(3).restoresObservedLoss()).isTrue();
            assertThat(crown.explanation())
                    .contains("4 (s4, 2026-03-30) added 0.25, 0.75 to 1, restoring observed loss");
        }
    }

    @Nested
    class TheSameFourthSessionWithoutRecordedFading {

        private final ZoneAssessment crown = textbookCourse()
                .session("client wanted it darker", work(CROWN, 0.25))
                .assess(CROWN);

        @Test
        void isHighPastTheCeilingWithTheOverrideNamed() {
            assertThat(crown.level()).isEqualTo(RiskLevel.HIGH);
            assertThat(crown.findings())
                    .extracting(Finding::limit, Finding::level)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Limit.DENSITY_CEILING, RiskLevel.HIGH),
                            org.assertj.core.groups.Tuple.tuple(Limit.TREATMENT_PLAN, RiskLevel.WATCH),
                            org.assertj.core.groups.Tuple.tuple(Limit.TREATMENT_PLAN, RiskLevel.WATCH));
            assertThat(crown.findings().get(0).explanation())
                    .isEqualTo("crown is at 1.25 of natural density, 0.25 over the ceiling of 1;"
                            + " pushed past the ceiling by session 4 (s4) adding 0.25, from 1 to 1.25");
            assertThat(crown.findings().get(2).explanation())
                    .isEqualTo("crown has had 4 sessions in course 1, beyond the 3 of treatment plan plan-1"
                            + " with no loss observed before: session 4 (s4)");
            assertThat(crown.explanation()).contains("Overrides: session 4 (s4): client wanted it darker");
        }
    }
}
