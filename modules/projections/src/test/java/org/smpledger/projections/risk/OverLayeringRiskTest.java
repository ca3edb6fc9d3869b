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
import org.smpledger.density.Contribution;
import org.smpledger.density.RiskLevel;
import org.smpledger.events.clinic.ClinicRules;
import org.smpledger.projections.Clinic;
import org.smpledger.projections.DeploymentRules;
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

        // Gale: three sessions planned to 1.0, a quarter faded, a fourth session restoring it
        clinic.registers("client-gale", day("2026-01-05"));
        clinic.plans("client-gale", 1, 3, Map.of(CROWN, 1.0), day("2026-01-06"));
        double[] gale = {0.3, 0.4, 0.3};
        for (int i = 0; i < 3; i++) {
            clinic.session(
                            "client-gale",
                            "g" + (i + 1),
                            1,
                            i + 1,
                            day("2026-01-12").plus(Duration.ofDays(14L * i)))
                    .zone(CROWN, gale[i])
                    .completed();
        }
        clinic.checksHealing("client-gale", "g3", CROWN, 0.75, day("2026-03-10"));
        clinic.session("client-gale", "g4", 1, 4, day("2026-03-20"))
                .zone(CROWN, 0.25)
                .completed();

        // Harper, at a clinic that adopted a lower ceiling from May on: judged by each policy in its time
        clinic.adoptsPolicy("clinic-west", 1, DeploymentRules.DEFAULT, day("2026-01-01"), day("2026-01-01"));
        clinic.registersAt("clinic-west", "client-harper", day("2026-01-05"));
        for (int i = 0; i < 3; i++) {
            clinic.session(
                            "client-harper",
                            "h" + (i + 1),
                            1,
                            i + 1,
                            day("2026-01-12").plus(Duration.ofDays(14L * i)))
                    .zone(CROWN, 0.3)
                    .completed();
        }
        clinic.adoptsPolicy(
                "clinic-west",
                2,
                DeploymentRules.DEFAULT.withDensity(new ClinicRules.Density(0.8, 0.8, 0.5, 0.5, 0.85)),
                day("2026-04-20"),
                day("2026-05-01"));

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
        ClientRisk risk =
                harness.risk.risk("client-blake", null, ProjectionsHarness.NOW).orElseThrow();
        ClientRisk.Zone crown = zone(risk, "CROWN");

        assertThat(risk.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(crown.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(crown.density()).isEqualTo(1.1);
        assertThat(crown.sessionsInCourse()).isEqualTo(5);
        assertThat(crown.meanDotSpacingMm()).isCloseTo(1.005, org.assertj.core.data.Offset.offset(0.001));
        assertThat(crown.healedDotMm()).isEqualTo(0.325);
        assertThat(crown.dotGapMm()).isCloseTo(0.68, org.assertj.core.data.Offset.offset(0.001));
        assertThat(crown.findings())
                .extracting(ClientRisk.Finding::limit, ClientRisk.Finding::level)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("density-ceiling", RiskLevel.HIGH),
                        org.assertj.core.groups.Tuple.tuple("session-limit", RiskLevel.HIGH),
                        org.assertj.core.groups.Tuple.tuple("treatment-plan", RiskLevel.WATCH));
        assertThat(crown.explanation())
                .contains("crown is at 1.1 of natural density, 0.1 over the ceiling of 1")
                .contains("pushed past the ceiling by session 5 (b5) adding 0.2, from 0.9 to 1.1")
                .contains("crown has had 5 sessions in course 1, 1 over the limit of 4")
                .contains("No treatment plan for course 1: judged against the clinic's usual target of 1")
                .contains("Overrides: session 5 (b5): " + Contribution.REASON_WITH_PERSONAL_DATA)
                .doesNotContain("scar tissue")
                .endsWith("Judged by the deployment's default policy (v0: clinic-north had adopted none of its own).");
        assertThat(crown.sessions())
                .extracting(ClientRisk.Session::cumulativeAfter)
                .containsExactly(0.3, 0.6, 0.8, 0.9, 1.1);
        // the reason is the client's personal data: the read model knows there was one, not what it says
        assertThat(crown.sessions().get(4).overrideReason()).isEqualTo(Contribution.REASON_WITH_PERSONAL_DATA);

        ClientRisk.Zone hairline = zone(risk, "HAIRLINE");
        assertThat(hairline.level()).isEqualTo(RiskLevel.OK);
        assertThat(hairline.explanation())
                .startsWith(
                        "hairline is at 0.8 of natural density after 3 sessions in course 1: within every limit and the plan");
    }

    @Test
    void asOfShowsTheRiskAsItStoodAfterEachSession() {
        ClientRisk afterThird = harness.risk
                .risk("client-blake", day("2026-02-09").plus(Duration.ofHours(3)), ProjectionsHarness.NOW)
                .orElseThrow();
        assertThat(zone(afterThird, "CROWN").density()).isEqualTo(0.8);
        assertThat(afterThird.level()).isEqualTo(RiskLevel.OK);

        ClientRisk afterFourth = harness.risk
                .risk("client-blake", blakeFourthRecorded, ProjectionsHarness.NOW)
                .orElseThrow();
        // 0.9 after the fourth of four allowed sessions is within every limit: nothing to watch yet
        assertThat(zone(afterFourth, "CROWN").level()).isEqualTo(RiskLevel.OK);
        assertThat(zone(afterFourth, "CROWN").sessionsInCourse()).isEqualTo(4);

        ClientRisk justBeforeFourth = harness.risk
                .risk("client-blake", blakeFourthRecorded.minusMillis(1), ProjectionsHarness.NOW)
                .orElseThrow();
        assertThat(zone(justBeforeFourth, "CROWN").sessionsInCourse()).isEqualTo(3);

        assertThat(harness.risk.risk("client-blake", day("2026-01-01"), ProjectionsHarness.NOW))
                .isEmpty();
    }

    @Test
    void aVoidedSessionNoLongerCountsFromTheMomentTheVoidWasRecorded() {
        ClientRisk now =
                harness.risk.risk("client-erin", null, ProjectionsHarness.NOW).orElseThrow();
        assertThat(zone(now, "CROWN").density()).isEqualTo(0.9);
        assertThat(zone(now, "CROWN").sessionsInCourse()).isEqualTo(4);
        assertThat(now.level()).isEqualTo(RiskLevel.OK);

        ClientRisk beforeTheVoid = harness.risk
                .risk("client-erin", erinVoidRecorded.minusSeconds(1), ProjectionsHarness.NOW)
                .orElseThrow();
        assertThat(zone(beforeTheVoid, "CROWN").density()).isEqualTo(1.2);
        assertThat(beforeTheVoid.level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void aTouchUpYearsLaterStartsANewCourseFromTheDensityStillShowing() {
        ClientRisk.Zone crown = zone(
                harness.risk.risk("client-finn", null, ProjectionsHarness.NOW).orElseThrow(), "CROWN");

        assertThat(crown.course()).isEqualTo(2);
        assertThat(crown.baseline()).isEqualTo(0.6);
        assertThat(crown.density()).isEqualTo(0.8);
        assertThat(crown.sessionsInCourse()).isEqualTo(1);
        assertThat(crown.level()).isEqualTo(RiskLevel.OK);

        ClientRisk.Zone endOfFirstCourse = zone(
                harness.risk
                        .risk("client-finn", day("2023-01-01"), ProjectionsHarness.NOW)
                        .orElseThrow(),
                "CROWN");
        assertThat(endOfFirstCourse.course()).isEqualTo(1);
        assertThat(endOfFirstCourse.density()).isEqualTo(1.0);
        assertThat(endOfFirstCourse.level()).isEqualTo(RiskLevel.OK);
    }

    @Test
    void aFourthSessionAfterRecordedFadingRestoresThePlanAndIsOk() {
        ClientRisk risk =
                harness.risk.risk("client-gale", null, ProjectionsHarness.NOW).orElseThrow();
        ClientRisk.Zone crown = zone(risk, "CROWN");

        assertThat(risk.level()).isEqualTo(RiskLevel.OK);
        assertThat(crown.density()).isEqualTo(1.0);
        assertThat(crown.observedLoss()).isEqualTo(0.25);
        assertThat(crown.plan().plannedSessions()).isEqualTo(3);
        assertThat(crown.healingChecks()).singleElement().satisfies(check -> {
            assertThat(check.retainedFraction()).isEqualTo(0.75);
            assertThat(check.after()).isEqualTo(0.75);
        });
        assertThat(crown.sessions().get(3).restoresObservedLoss()).isTrue();
        assertThat(crown.explanation())
                .contains("Treatment plan plan-client-gale-")
                .contains("found 75% of the course's work retained, 1 to 0.75 (0.25 lost)")
                .contains("4 (g4, 2026-03-20) added 0.25, 0.75 to 1, restoring observed loss");

        ClientRisk beforeTheTopUp = harness.risk
                .risk("client-gale", day("2026-03-15"), ProjectionsHarness.NOW)
                .orElseThrow();
        assertThat(zone(beforeTheTopUp, "CROWN").density()).isEqualTo(0.75);
        assertThat(beforeTheTopUp.level()).isEqualTo(RiskLevel.OK);
    }

    @Test
    void eachClinicsPolicyJudgesItsClientsFromTheDayItTookEffect() {
        ClientRisk inApril = harness.risk
                .risk("client-harper", day("2026-04-25"), ProjectionsHarness.NOW)
                .orElseThrow();
        assertThat(inApril.judgedBy().version()).isEqualTo(1);
        assertThat(inApril.level()).isEqualTo(RiskLevel.OK);

        ClientRisk now =
                harness.risk.risk("client-harper", null, ProjectionsHarness.NOW).orElseThrow();
        assertThat(now.judgedBy().version()).isEqualTo(2);
        assertThat(now.judgedBy().label()).startsWith("policy v2 of clinic-west (adopted by admin-ann on ");
        assertThat(now.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(zone(now, "CROWN").explanation())
                .startsWith("crown is at 0.9 of natural density, 0.1 over the ceiling of 0.8");

        RiskFlags west = harness.risk.flags("clinic-west", ProjectionsHarness.NOW, 0, 20);
        assertThat(west.judgedBy().version()).isEqualTo(2);
        assertThat(west.flags().items()).extracting(RiskFlags.Flag::clientId).containsExactly("client-harper");
        assertThat(harness.risk
                        .flags("clinic-west", day("2026-04-25"), 0, 20)
                        .flags()
                        .items())
                .isEmpty();
    }

    @Test
    void theClinicsFlagListHoldsClientsAtWatchOrHighWorstFirst() {
        RiskFlags flags = harness.risk.flags("clinic-north", ProjectionsHarness.NOW, 0, 20);

        assertThat(flags.flags().items())
                .extracting(RiskFlags.Flag::clientId, RiskFlags.Flag::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("client-blake", RiskLevel.HIGH));
        assertThat(flags.judgedBy().version()).isZero();
        assertThat(flags.flags().items().get(0).zones())
                .extracting(RiskFlags.ZoneFlag::zone)
                .containsExactly("CROWN");
        assertThat(harness.risk
                        .flags("clinic-elsewhere", ProjectionsHarness.NOW, 0, 20)
                        .flags()
                        .items())
                .isEmpty();
    }

    private static ClientRisk.Zone zone(ClientRisk risk, String zone) {
        return risk.zones().stream()
                .filter(z -> z.zone().equals(zone))
                .findFirst()
                .orElseThrow();
    }
}
