package org.smpledger.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.density.ClientCourse.work;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.events.treatment.ScalpZone.HAIRLINE;
import static org.smpledger.events.treatment.ScalpZone.TEMPLES;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** OK is the plan reached; WATCH is beyond the plan or near the blur limit; HIGH is past a limit. */
class LevelsAgainstThePlanTest {

    @Test
    void aLighterPlanIsWatchedOnceTheZoneGoesBeyondItsTarget() {
        ZoneAssessment hairline = new ClientCourse()
                .planned(3, HAIRLINE, 0.7)
                .session(HAIRLINE, 0.3)
                .session(HAIRLINE, 0.3)
                .session(HAIRLINE, 0.2)
                .assess(HAIRLINE);

        assertThat(hairline.level()).isEqualTo(RiskLevel.WATCH);
        assertThat(hairline.findings()).singleElement().satisfies(f -> {
            assertThat(f.limit()).isEqualTo(Limit.TREATMENT_PLAN);
            assertThat(f.explanation())
                    .isEqualTo(
                            "hairline is at 0.8 of natural density, beyond the target of treatment plan plan-1 of 0.7");
        });
    }

    @Test
    void aZoneThePlanLeavesOutIsWatchedOnceWorked() {
        ZoneAssessment temples = new ClientCourse()
                .planned(3, CROWN, 1.0)
                .session(null, work(CROWN, 0.3), work(TEMPLES, 0.2))
                .assess(TEMPLES);

        assertThat(temples.level()).isEqualTo(RiskLevel.WATCH);
        assertThat(temples.findings().get(0).explanation())
                .isEqualTo("temples was worked in course 1 but treatment plan plan-1 leaves it out");
    }

    @Test
    void withoutAPlanTheClinicsUsualTargetJudgesAndReachingItIsOk() {
        ZoneAssessment crown = new ClientCourse()
                .session(CROWN, 0.3)
                .session(CROWN, 0.4)
                .session(CROWN, 0.3)
                .assess(CROWN);

        assertThat(crown.level()).isEqualTo(RiskLevel.OK);
        assertThat(crown.explanation())
                .contains("No treatment plan for course 1: judged against the clinic's usual target of 1");
    }

    @Test
    void aSessionBeyondThePlansNumberIsWatchedUnlessLossWasObservedBeforeIt() {
        ClientCourse course = new ClientCourse()
                .planned(2, CROWN, 1.0)
                .session(CROWN, 0.4)
                .session(CROWN, 0.4)
                .session(CROWN, 0.1);

        assertThat(course.assess(CROWN).level()).isEqualTo(RiskLevel.WATCH);
        assertThat(course.assess(CROWN).standing().sessionsBeyondPlanWithoutLoss())
                .containsExactly("session 3 (s3)");

        ZoneAssessment afterFading = new ClientCourse()
                .planned(2, CROWN, 1.0)
                .session(CROWN, 0.4)
                .session(CROWN, 0.4)
                .observed(CROWN, 0.6)
                .session(CROWN, 0.3)
                .assess(CROWN);
        assertThat(afterFading.level()).isEqualTo(RiskLevel.OK);
        assertThat(afterFading.density().value()).isEqualTo(0.9);
    }

    @Test
    void aLaterPlanForTheSameCourseReplacesTheEarlierOne() {
        ClientCourse course =
                new ClientCourse().planned(3, CROWN, 0.6).session(CROWN, 0.4).session(CROWN, 0.4);
        assertThat(course.assess(CROWN).level()).isEqualTo(RiskLevel.WATCH);

        ZoneAssessment replanned = course.planned(3, CROWN, 1.0).assess(CROWN);
        assertThat(replanned.level()).isEqualTo(RiskLevel.OK);
        assertThat(replanned.standing().plan().planId()).isEqualTo("plan-4");
    }

    @Test
    void aFifthSessionIsHighNamingTheSessionThatWentPastTheLimit() {
        ZoneAssessment crown = new ClientCourse()
                .session(CROWN, 0.2)
                .session(CROWN, 0.2)
                .session(CROWN, 0.2)
                .session(CROWN, 0.1)
                .session("scar absorbs pigment", work(CROWN, 0.1))
                .assess(CROWN);

        assertThat(crown.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(crown.findings())
                .filteredOn(f -> f.limit() == Limit.SESSIONS_PER_COURSE)
                .singleElement()
                .satisfies(
                        f -> assertThat(f.explanation())
                                .isEqualTo(
                                        "crown has had 5 sessions in course 1, 1 over the limit of 4; session 5 (s5) went past it"));
    }

    @Test
    void theSameStandingIsJudgedByWhicheverPolicyIsInForce() {
        ZoneStanding crown = new ClientCourse()
                .session(CROWN, 0.3)
                .session(CROWN, 0.4)
                .session(CROWN, 0.3)
                .ledger()
                .standing(CROWN);
        OverLayeringLimits stricter = new OverLayeringLimits(
                DensityFraction.of(0.9),
                DensityFraction.of(0.8),
                DensityFraction.of(0.5),
                4,
                Millimetres.of(0.5),
                0.85);

        assertThat(OverLayeringLimits.DEFAULT.levelOf(crown)).isEqualTo(RiskLevel.OK);
        assertThat(stricter.levelOf(crown)).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void aTouchUpOpensTheNextCourseAtTheEstimateAndWithoutOneNothingIsAssumedFaded() {
        ClientCourse estimated = new ClientCourse()
                .session(CROWN, 0.3)
                .session(CROWN, 0.4)
                .session(CROWN, 0.3)
                .touchUp(Map.of(CROWN, 0.6))
                .session(CROWN, 0.3);
        ZoneAssessment crown = estimated.assess(CROWN);
        assertThat(estimated.ledger().currentCourse()).isEqualTo(2);
        assertThat(crown.standing().baseline().value()).isEqualTo(0.6);
        assertThat(crown.density().value()).isEqualTo(0.9);
        assertThat(crown.sessionsInCourse()).isEqualTo(1);
        assertThat(crown.explanation()).contains("Course 2 started at 0.6 carried over from earlier courses");

        ZoneDensityLedger unestimated = new ClientCourse()
                .session(CROWN, 0.3)
                .session(CROWN, 0.4)
                .session(CROWN, 0.3)
                .touchUp(Map.of())
                .ledger();
        assertThat(unestimated.standing(CROWN).baseline().value()).isEqualTo(1.0);
        assertThat(unestimated.breachesIf(java.util.List.of(work(CROWN, 0.2)), OverLayeringLimits.DEFAULT))
                .extracting(LimitBreach::limit)
                .containsExactly(Limit.DENSITY_CEILING);
    }
}
