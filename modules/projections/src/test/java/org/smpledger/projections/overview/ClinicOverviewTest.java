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
import org.smpledger.projections.Clinic;
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
        clinic.session("client-kai", "k1", 1, 1, day("2026-05-25"))
                .zone(CROWN, 0.3)
                .completed();

        clinic.registers("client-lea", day("2026-05-01"));
        clinic.session("client-lea", "l1", 1, 1, day("2026-05-04"))
                .zone(CROWN, 0.3)
                .completed();
        clinic.session("client-lea", "l2", 1, 2, day("2026-05-18"))
                .zone(CROWN, 0.3)
                .completed();

        clinic.registers("client-max", day("2022-01-01"));
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
        harness.caughtUp();
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @Test
    void sessionsPerClientCountsEveryClientOnceVoidedSessionsExcluded() {
        ClinicOverview overview = harness.overview.overview("clinic-north", day("2026-05-28"), 0, 20);

        assertThat(overview.clients()).isEqualTo(6);
        assertThat(overview.sessionsPerClient())
                .containsExactly(Map.entry(0, 2), Map.entry(1, 1), Map.entry(2, 1), Map.entry(3, 2));
    }

    @Test
    void clientsMidCourseAwaitTheirNextSessionAndTheMinimumIntervalIsCheckedAgainstToday() {
        ClinicOverview overview = harness.overview.overview("clinic-north", day("2026-05-28"), 0, 20);

        assertThat(overview.awaitingNextSession().items())
                .extracting(
                        ClinicOverview.AwaitingSession::clientId,
                        ClinicOverview.AwaitingSession::sessionsInCourse,
                        ClinicOverview.AwaitingSession::earliestNextSessionAt,
                        ClinicOverview.AwaitingSession::intervalPassed)
                .containsExactly(
                        tuple("client-nia", 0, midnight("2021-02-14"), true),
                        tuple("client-lea", 2, midnight("2026-05-25"), true),
                        tuple("client-kai", 1, midnight("2026-06-01"), false));
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

    private static Instant midnight(String isoDate) {
        return Instant.parse(isoDate + "T00:00:00Z");
    }

    @Test
    void aTouchUpIsDueThreeYearsAfterTheLastSessionOfACompletedCourse() {
        ClinicOverview overview = harness.overview.overview("clinic-north", day("2026-05-28"), 0, 20);
        assertThat(overview.touchUpsDue().items())
                .extracting(ClinicOverview.TouchUpDue::clientId, ClinicOverview.TouchUpDue::dueSince)
                .containsExactly(tuple("client-max", midnight("2025-02-07")));

        // the record as it is now, judged on an earlier day: not due yet the second before; Nia's touch-up is under way
        assertThat(harness.overview
                        .overview("clinic-north", midnight("2025-02-07").minus(Duration.ofSeconds(1)), 0, 20)
                        .touchUpsDue()
                        .items())
                .isEmpty();
    }
}
