package org.smpledger.projections.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.projections.Clinic.day;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smpledger.events.clinic.ClinicRules;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.projections.Clinic;
import org.smpledger.projections.DeploymentRules;
import org.smpledger.projections.ProjectionsHarness;

/** The clinic at a glance: sessions per client, who awaits the next session, whose touch-up is due. */
class ClinicOverviewTest {

    static ProjectionsHarness harness;

    @BeforeAll
    static void recordSeveralClients() {
        harness = new ProjectionsHarness();
        Clinic clinic = harness.clinic;
        clinic.registers("client-jo", day("2026-05-01"));

        clinic.registers("client-kai", day("2026-05-01"));
        clinic.plans("client-kai", 1, 3, Map.of(CROWN, 1.0), day("2026-05-01"));
        clinic.session("client-kai", "k1", 1, 1, day("2026-05-25"))
                .zone(CROWN, 0.3)
                .completed();

        clinic.registers("client-lea", day("2026-05-01"));
        clinic.plans("client-lea", 1, 3, Map.of(CROWN, 0.9), day("2026-05-01"));
        clinic.session("client-lea", "l1", 1, 1, day("2026-05-04"))
                .zone(CROWN, 0.3)
                .completed();
        clinic.session("client-lea", "l2", 1, 2, day("2026-05-18"))
                .zone(CROWN, 0.3)
                .completed();

        clinic.registers("client-max", day("2022-01-01"));
        clinic.plans("client-max", 1, 3, Map.of(CROWN, 1.0), day("2022-01-01"));
        clinic.session("client-max", "m1", 1, 1, day("2022-01-10"))
                .zone(CROWN, 0.3)
                .completed();
        clinic.session("client-max", "m2", 1, 2, day("2022-01-24"))
                .zone(CROWN, 0.4)
                .completed();
        clinic.session("client-max", "m3", 1, 3, day("2022-02-07"))
                .zone(CROWN, 0.3)
                .completed();

        clinic.registers("client-nia", day("2021-01-01"));
        clinic.plans("client-nia", 1, 3, Map.of(CROWN, 1.0), day("2021-01-01"));
        clinic.session("client-nia", "n1", 1, 1, day("2021-01-10"))
                .zone(CROWN, 0.3)
                .completed();
        clinic.session("client-nia", "n2", 1, 2, day("2021-01-24"))
                .zone(CROWN, 0.4)
                .completed();
        clinic.session("client-nia", "n3", 1, 3, day("2021-02-07"))
                .zone(CROWN, 0.3)
                .completed();
        clinic.touchUp("client-nia", day("2026-05-20"), Map.of(CROWN, 0.5));

        clinic.registers("client-oz", day("2026-01-01"));
        String voided = clinic.session("client-oz", "o1", 1, 1, day("2026-01-10"))
                .zone(CROWN, 0.3)
                .completed();
        clinic.voids("client-oz", voided, "SessionCompleted", "recorded on the wrong client", day("2026-01-11"));

        // Pia: her plan's three sessions done, then a healing check saw the crown fade: she awaits a top-up
        clinic.registers("client-pia", day("2026-01-01"));
        clinic.plans("client-pia", 1, 3, Map.of(CROWN, 1.0), day("2026-01-01"));
        for (int i = 0; i < 3; i++) {
            clinic.session(
                            "client-pia",
                            "p" + (i + 1),
                            1,
                            i + 1,
                            day("2026-01-05").plus(Duration.ofDays(14L * i)))
                    .zone(CROWN, 0.3)
                    .completed();
        }
        clinic.checksHealing("client-pia", "p3", CROWN, 0.7, day("2026-03-01"));

        // Quinn: no plan, three sessions; the course stays open until the clinic completes it
        clinic.registers("client-quinn", day("2023-01-01"));
        for (int i = 0; i < 3; i++) {
            clinic.session(
                            "client-quinn",
                            "q" + (i + 1),
                            1,
                            i + 1,
                            day("2023-01-05").plus(Duration.ofDays(14L * i)))
                    .zone(CROWN, 0.3)
                    .completed();
        }
        clinic.registers("client-ray", day("2022-06-01"));
        clinic.session("client-ray", "r1", 1, 1, day("2022-06-05"))
                .zone(CROWN, 0.5)
                .completed();
        clinic.completesCourse("client-ray", 1, day("2022-07-01"));

        // reactions: an allergy and an infection to report, a granuloma Texas does not ask for,
        // one already reported, one corrected to a kind nobody reports
        clinic.reportsReaction(
                "client-kai", "r-allergy", AdverseReactionReported.Kind.ALLERGIC, "lot-a", day("2026-05-21"));
        clinic.reportsReaction(
                "client-lea", "r-infection", AdverseReactionReported.Kind.INFECTION, null, day("2026-05-26"));
        clinic.reportsReaction(
                "client-lea", "r-granuloma", AdverseReactionReported.Kind.GRANULOMA, null, day("2026-05-26"));
        clinic.reportsReaction(
                "client-max", "r-reported", AdverseReactionReported.Kind.ALLERGIC, null, day("2026-05-20"));
        clinic.reportedToAuthority("client-max", "r-reported", day("2026-05-22"));
        String mistaken = clinic.reportsReaction(
                "client-pia", "r-mistaken", AdverseReactionReported.Kind.INFECTION, null, day("2026-05-20"));
        clinic.corrects(
                "client-pia",
                mistaken,
                "AdverseReactionReported",
                "it was swelling, not an infection",
                Map.of("kind", "EXCESSIVE_SWELLING"),
                day("2026-05-21"));

        // a clinic of its own, wanting a fortnight between sessions
        clinic.adoptsPolicy(
                "clinic-west",
                1,
                DeploymentRules.DEFAULT.withSessions(new ClinicRules.Sessions(14, 4)),
                day("2026-01-01"),
                day("2026-01-01"));
        clinic.registersAt("clinic-west", "client-sam", day("2026-05-01"));
        clinic.session("client-sam", "s1", 1, 1, day("2026-05-20"))
                .zone(CROWN, 0.3)
                .completed();
        harness.caughtUp();
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @Test
    void sessionsPerClientCountsEveryClientOnceVoidedSessionsExcluded() {
        ClinicOverview overview = harness.overview.overview("clinic-north", day("2026-05-28"), 0, 20);

        assertThat(overview.clients()).isEqualTo(9);
        assertThat(overview.sessionsPerClient())
                .containsExactly(Map.entry(0, 2), Map.entry(1, 2), Map.entry(2, 1), Map.entry(3, 4));
    }

    @Test
    void clientsMidCourseAwaitTheirNextSessionAndTheMinimumIntervalIsCheckedAgainstToday() {
        ClinicOverview overview = harness.overview.overview("clinic-north", day("2026-05-28"), 0, 20);

        assertThat(overview.awaitingNextSession().items())
                .extracting(
                        ClinicOverview.AwaitingSession::clientId,
                        ClinicOverview.AwaitingSession::sessionsInCourse,
                        ClinicOverview.AwaitingSession::plannedSessions,
                        ClinicOverview.AwaitingSession::lossObserved,
                        ClinicOverview.AwaitingSession::earliestNextSessionAt,
                        ClinicOverview.AwaitingSession::intervalPassed)
                .containsExactly(
                        tuple("client-nia", 0, null, false, midnight("2021-02-14"), true),
                        tuple("client-quinn", 3, null, false, midnight("2023-02-09"), true),
                        tuple("client-pia", 3, 3, true, midnight("2026-02-09"), true),
                        tuple("client-lea", 2, 3, false, midnight("2026-05-25"), true),
                        tuple("client-kai", 1, 3, false, midnight("2026-06-01"), false));
        assertThat(overview.policy().version()).isZero();
    }

    @Test
    void theIntervalCountsCalendarDaysAsTheSessionRuleDoes() {
        // Kai's session was on 25 May at 10:00; seven calendar days later, 1 June, any hour will do
        ClinicOverview earlyOnTheDay =
                harness.overview.overview("clinic-north", Instant.parse("2026-06-01T08:00:00Z"), 0, 20);

        assertThat(earlyOnTheDay.awaitingNextSession().items())
                .filteredOn(a -> a.clientId().equals("client-kai"))
                .extracting(ClinicOverview.AwaitingSession::intervalPassed)
                .containsExactly(true);
        assertThat(harness.overview
                        .overview("clinic-north", Instant.parse("2026-05-31T23:59:59Z"), 0, 20)
                        .awaitingNextSession()
                        .items())
                .filteredOn(a -> a.clientId().equals("client-kai"))
                .extracting(ClinicOverview.AwaitingSession::intervalPassed)
                .containsExactly(false);
    }

    @Test
    void reactionsTheJurisdictionAsksForShowTheirDeadlineUntilReported() {
        ClinicOverview overview = harness.overview.overview("clinic-north", day("2026-05-28"), 0, 20);

        // Thursday 21 May + 5 working days = Thursday 28 May, due by its end
        assertThat(overview.reportingDeadlines().items())
                .extracting(
                        ClinicOverview.ReportingDeadline::reactionId,
                        ClinicOverview.ReportingDeadline::jurisdiction,
                        ClinicOverview.ReportingDeadline::deadline,
                        ClinicOverview.ReportingDeadline::overdue)
                .containsExactly(
                        tuple("r-allergy", "US-TX", midnight("2026-05-29"), false),
                        tuple("r-infection", "US-TX", midnight("2026-06-03"), false));
        assertThat(harness.overview
                        .overview("clinic-north", day("2026-05-29"), 0, 20)
                        .reportingDeadlines()
                        .items())
                .extracting(ClinicOverview.ReportingDeadline::overdue)
                .containsExactly(true, false);
    }

    @Test
    void aClinicsOwnPolicySetsItsInterval() {
        ClinicOverview west = harness.overview.overview("clinic-west", day("2026-05-28"), 0, 20);

        assertThat(west.policy().version()).isEqualTo(1);
        assertThat(west.awaitingNextSession().items())
                .extracting(
                        ClinicOverview.AwaitingSession::clientId, ClinicOverview.AwaitingSession::earliestNextSessionAt)
                .containsExactly(tuple("client-sam", midnight("2026-06-03")));
    }

    private static Instant midnight(String isoDate) {
        return Instant.parse(isoDate + "T00:00:00Z");
    }

    @Test
    void aTouchUpIsDueThreeYearsAfterTheLastSessionOfACompletedCourse() {
        ClinicOverview overview = harness.overview.overview("clinic-north", day("2026-05-28"), 0, 20);
        assertThat(overview.touchUpsDue().items())
                .extracting(ClinicOverview.TouchUpDue::clientId, ClinicOverview.TouchUpDue::dueSince)
                .containsExactly(
                        tuple("client-max", midnight("2025-02-07")), tuple("client-ray", midnight("2025-06-05")));

        // the record as it is now, judged on an earlier day: not due yet the second before; Nia's touch-up is under way
        assertThat(harness.overview
                        .overview("clinic-north", midnight("2025-02-07").minus(Duration.ofSeconds(1)), 0, 20)
                        .touchUpsDue()
                        .items())
                .isEmpty();
    }
}
