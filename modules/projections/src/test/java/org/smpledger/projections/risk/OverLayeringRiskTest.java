package org.smpledger.projections.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.events.treatment.ScalpZone.HAIRLINE;
import static org.smpledger.projections.Clinic.day;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smpledger.density.RiskLevel;
import org.smpledger.projections.Clinic;
import org.smpledger.projections.ProjectionsHarness;

/** Over-layering risk per zone, as it builds over realistic courses, and the clinic's flag list. */
class OverLayeringRiskTest {

    static ProjectionsHarness harness;
    static Instant blakeFourthRecorded;
    static Instant erinVoidRecorded;

    @BeforeAll
    static void recordTheCourses() {
        harness = new ProjectionsHarness();
        Clinic clinic = harness.clinic;

        // Blake: five crown sessions, the fifth past the limits with a reason
        clinic.registers("client-blake", day("2026-01-05"));
        double[] crown = {0.3, 0.3, 0.2, 0.1, 0.2};
        double[] hairline = {0.3, 0.3, 0.2, 0, 0};
        for (int i = 0; i < 5; i++) {
            Clinic.Session session = clinic.session(
                            "client-blake",
                            "b" + (i + 1),
                            1,
                            i + 1,
                            day("2026-01-12").plus(Duration.ofDays(14L * i)))
                    .zone(CROWN, crown[i], "lot-a");
            if (hairline[i] > 0) {
                session.zone(HAIRLINE, hairline[i], "lot-a");
            }
            if (i == 4) {
                session.overriding("scar tissue on the crown absorbed pigment", "session-limit", "density-ceiling");
            }
            session.completed();
        }
        blakeFourthRecorded = day("2026-01-12").plus(Duration.ofDays(42)).plus(Duration.ofHours(3));

        // Casey: the usual three sessions up to natural density
        clinic.registers("client-casey", day("2026-02-01"));
        clinic.session("client-casey", "c1", 1, 1, day("2026-02-02"))
                .zone(CROWN, 0.3)
                .completed();
        clinic.session("client-casey", "c2", 1, 2, day("2026-02-16"))
                .zone(CROWN, 0.4)
                .completed();
        clinic.session("client-casey", "c3", 1, 3, day("2026-03-02"))
                .zone(CROWN, 0.3)
                .completed();

        // Dana: two light sessions
        clinic.registers("client-dana", day("2026-02-01"));
        clinic.session("client-dana", "d1", 1, 1, day("2026-02-03"))
                .zone(HAIRLINE, 0.3)
                .completed();
        clinic.session("client-dana", "d2", 1, 2, day("2026-02-17"))
                .zone(HAIRLINE, 0.3)
                .completed();

        // Erin: a fifth session entered on the wrong record, voided two days later
        clinic.registers("client-erin", day("2026-01-05"));
        double[] erin = {0.3, 0.3, 0.2, 0.1};
        for (int i = 0; i < 4; i++) {
            clinic.session(
                            "client-erin",
                            "e" + (i + 1),
                            1,
                            i + 1,
                            day("2026-01-13").plus(Duration.ofDays(14L * i)))
                    .zone(CROWN, erin[i])
                    .completed();
        }
        String wrong = clinic.session("client-erin", "e5", 1, 5, day("2026-03-10"))
                .zone(CROWN, 0.3)
                .completed();
        erinVoidRecorded = day("2026-03-12");
        clinic.voids(
                "client-erin", wrong, "SessionCompleted", "entered on the wrong client's record", erinVoidRecorded);

        // Finn: a full course in 2022, a touch-up in 2026 with 0.6 of the crown still showing
        clinic.registers("client-finn", day("2022-03-01"));
        clinic.session("client-finn", "f1", 1, 1, day("2022-03-07"))
                .zone(CROWN, 0.3)
                .completed();
        clinic.session("client-finn", "f2", 1, 2, day("2022-03-21"))
                .zone(CROWN, 0.4)
                .completed();
        clinic.session("client-finn", "f3", 1, 3, day("2022-04-04"))
                .zone(CROWN, 0.3)
                .completed();
        clinic.touchUp("client-finn", day("2026-04-01"), Map.of(CROWN, 0.6));
        clinic.session("client-finn", "f4", 2, 1, day("2026-04-08"))
                .zone(CROWN, 0.2)
                .completed();
        harness.caughtUp();
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @Test
    void aFifthSessionPastTheLimitsIsHighAndTheExplanationNamesItByHowMuchAndTheOverrideReason() {
        ClientRisk risk = harness.risk.risk("client-blake", null).orElseThrow();
        ClientRisk.Zone crown = zone(risk, "CROWN");

        assertThat(risk.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(crown.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(crown.density()).isEqualTo(1.1);
        assertThat(crown.sessionsInCourse()).isEqualTo(5);
        assertThat(crown.meanDotSpacingMm()).isCloseTo(1.005, org.assertj.core.data.Offset.offset(0.001));
        assertThat(crown.findings())
                .extracting(ClientRisk.Finding::limit, ClientRisk.Finding::level)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("density-ceiling", RiskLevel.HIGH),
                        org.assertj.core.groups.Tuple.tuple("session-limit", RiskLevel.HIGH),
                        org.assertj.core.groups.Tuple.tuple("dot-spacing", RiskLevel.WATCH));
        assertThat(crown.explanation())
                .contains("crown is at 1.1 of natural density, 0.1 over the ceiling of 1")
                .contains("pushed past the ceiling by session 5 (b5) adding 0.2, from 0.9 to 1.1")
                .contains("crown has had 5 sessions in course 1, 1 over the limit of 4")
                .endsWith("Overrides: session 5 (b5): scar tissue on the crown absorbed pigment");
        assertThat(crown.sessions())
                .extracting(ClientRisk.Session::cumulativeAfter)
                .containsExactly(0.3, 0.6, 0.8, 0.9, 1.1);
        assertThat(crown.sessions().get(4).overrideReason()).isEqualTo("scar tissue on the crown absorbed pigment");

        ClientRisk.Zone hairline = zone(risk, "HAIRLINE");
        assertThat(hairline.level()).isEqualTo(RiskLevel.OK);
        assertThat(hairline.explanation())
                .isEqualTo("hairline is at 0.8 of natural density after 3 sessions in course 1: within every limit");
    }

    @Test
    void asOfShowsTheRiskAsItStoodAfterEachSession() {
        ClientRisk afterThird = harness.risk
                .risk("client-blake", day("2026-02-09").plus(Duration.ofHours(3)))
                .orElseThrow();
        assertThat(zone(afterThird, "CROWN").density()).isEqualTo(0.8);
        assertThat(afterThird.level()).isEqualTo(RiskLevel.OK);

        ClientRisk afterFourth =
                harness.risk.risk("client-blake", blakeFourthRecorded).orElseThrow();
        assertThat(zone(afterFourth, "CROWN").level()).isEqualTo(RiskLevel.WATCH);
        assertThat(zone(afterFourth, "CROWN").explanation())
                .contains("crown is at 0.9 of natural density, within 0.1 of the ceiling of 1")
                .contains("crown has reached the limit of 4 sessions in course 1");

        ClientRisk justBeforeFourth = harness.risk
                .risk("client-blake", blakeFourthRecorded.minusMillis(1))
                .orElseThrow();
        assertThat(zone(justBeforeFourth, "CROWN").sessionsInCourse()).isEqualTo(3);

        assertThat(harness.risk.risk("client-blake", day("2026-01-01"))).isEmpty();
    }

    @Test
    void aVoidedSessionNoLongerCountsFromTheMomentTheVoidWasRecorded() {
        ClientRisk now = harness.risk.risk("client-erin", null).orElseThrow();
        assertThat(zone(now, "CROWN").density()).isEqualTo(0.9);
        assertThat(zone(now, "CROWN").sessionsInCourse()).isEqualTo(4);
        assertThat(now.level()).isEqualTo(RiskLevel.WATCH);

        ClientRisk beforeTheVoid = harness.risk
                .risk("client-erin", erinVoidRecorded.minusSeconds(1))
                .orElseThrow();
        assertThat(zone(beforeTheVoid, "CROWN").density()).isEqualTo(1.2);
        assertThat(beforeTheVoid.level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void aTouchUpYearsLaterStartsANewCourseFromTheDensityStillShowing() {
        ClientRisk.Zone crown = zone(harness.risk.risk("client-finn", null).orElseThrow(), "CROWN");

        assertThat(crown.course()).isEqualTo(2);
        assertThat(crown.baseline()).isEqualTo(0.6);
        assertThat(crown.density()).isEqualTo(0.8);
        assertThat(crown.sessionsInCourse()).isEqualTo(1);
        assertThat(crown.level()).isEqualTo(RiskLevel.OK);

        ClientRisk.Zone endOfFirstCourse =
                zone(harness.risk.risk("client-finn", day("2023-01-01")).orElseThrow(), "CROWN");
        assertThat(endOfFirstCourse.course()).isEqualTo(1);
        assertThat(endOfFirstCourse.density()).isEqualTo(1.0);
        assertThat(endOfFirstCourse.level()).isEqualTo(RiskLevel.WATCH);
    }

    @Test
    void theClinicsFlagListHoldsClientsAtWatchOrHighWorstFirst() {
        RiskFlags flags = harness.risk.flags("clinic-north", 0, 20);

        assertThat(flags.flags().items())
                .extracting(RiskFlags.Flag::clientId, RiskFlags.Flag::level)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("client-blake", RiskLevel.HIGH),
                        org.assertj.core.groups.Tuple.tuple("client-casey", RiskLevel.WATCH),
                        org.assertj.core.groups.Tuple.tuple("client-erin", RiskLevel.WATCH));
        assertThat(flags.flags().items().get(0).zones())
                .extracting(RiskFlags.ZoneFlag::zone)
                .containsExactly("CROWN");
        assertThat(harness.risk.flags("clinic-elsewhere", 0, 20).flags().items())
                .isEmpty();
    }

    private static ClientRisk.Zone zone(ClientRisk risk, String zone) {
        return risk.zones().stream()
                .filter(z -> z.zone().equals(zone))
                .findFirst()
                .orElseThrow();
    }
}
