package org.smpledger.projections.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.events.treatment.ScalpZone.HAIRLINE;
import static org.smpledger.projections.Clinic.day;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smpledger.projections.ProjectionsHarness;

/** A client's three-session course with one correction, read back as the clinic's timeline. */
class ThreeSessionCourseTimelineTest {

    static ProjectionsHarness harness;
    static String firstSession;
    static String secondSession;

    @BeforeAll
    static void recordTheCourse() {
        harness = new ProjectionsHarness();
        var clinic = harness.clinic;
        clinic.receivesLot("lot-espresso-7", "B-7781", day("2026-01-02"));
        clinic.registers("client-amir", day("2026-01-05"));
        clinic.consults("client-amir", day("2026-01-05").plusSeconds(600));
        clinic.signsConsent("client-amir", day("2026-01-05").plusSeconds(1200));
        clinic.patchTests("client-amir", "lot-espresso-7", day("2026-01-05").plusSeconds(1800));
        firstSession = clinic.session("client-amir", "s1", 1, 1, day("2026-01-12"))
                .zone(HAIRLINE, 0.3, "lot-espresso-7")
                .zone(CROWN, 0.3, "lot-espresso-7")
                .completed();
        secondSession = clinic.session("client-amir", "s2", 1, 2, day("2026-01-26"))
                .zone(HAIRLINE, 0.4, "lot-espresso-7")
                .zone(CROWN, 0.5, "lot-espresso-7")
                .completed();
        // the crown density of session 2 was mistyped: 0.4, written up the next morning
        clinic.corrects(
                "client-amir",
                secondSession,
                "SessionCompleted",
                "crown density mistyped",
                Map.of("zoneWork[1].densityAddedFraction", "0.4"),
                day("2026-01-27"));
        clinic.session("client-amir", "s3", 1, 3, day("2026-02-09"))
                .zone(HAIRLINE, 0.3, "lot-espresso-7")
                .zone(CROWN, 0.3, "lot-espresso-7")
                .completed();
        harness.caughtUp();
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @Test
    void everyRecordedStepAppearsInOrderInTheClinicsWords() {
        ClientTimeline timeline =
                harness.timeline.timeline("client-amir", null, 0, 50).orElseThrow();

        assertThat(timeline.clinicId()).isEqualTo("clinic-north");
        assertThat(timeline.entries().items())
                .extracting(ClientTimeline.Entry::what)
                .containsExactly(
                        "Client registered",
                        "Consultation: Norwood V, androgenetic alopecia, Fitzpatrick III neutral",
                        "Consent signed (form v3)",
                        "Patch test with lot lot-espresso-7: negative, read after 48 h",
                        "Session 1 of course 1: hairline +0.3, crown +0.3 (lots lot-espresso-7)",
                        "Session 2 of course 1: hairline +0.4, crown +0.5 (lots lot-espresso-7)",
                        "Corrected session",
                        "Session 3 of course 1: hairline +0.3, crown +0.3 (lots lot-espresso-7)");
        assertThat(timeline.entries().items())
                .extracting(ClientTimeline.Entry::sequence)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aSessionShowsWhenWhoWhichZonesAndLotsAndTheDensityAdded() {
        ClientTimeline.Entry session =
                entry(harness.timeline.timeline("client-amir", null, 0, 50).orElseThrow(), firstSession);

        assertThat(session.type()).isEqualTo("SessionCompleted");
        assertThat(session.occurredAt()).isEqualTo(day("2026-01-12"));
        assertThat(session.recordedAt()).isEqualTo(day("2026-01-12").plus(Duration.ofHours(3)));
        assertThat(session.actorId()).isEqualTo("practitioner-ana");
        assertThat(session.actorRole()).isEqualTo("practitioner");
        assertThat(session.zones()).containsExactly("HAIRLINE", "CROWN");
        assertThat(session.lots()).containsExactly("lot-espresso-7");
        assertThat(session.densityAdded()).containsEntry("HAIRLINE", 0.3).containsEntry("CROWN", 0.3);
        assertThat(session.sessionId()).isEqualTo("s1");
        assertThat(session.course()).isEqualTo(1);
        assertThat(session.sessionNumber()).isEqualTo(1);
    }

    @Test
    void aCorrectionIsShownNextToTheSessionItCorrects() {
        ClientTimeline timeline =
                harness.timeline.timeline("client-amir", null, 0, 50).orElseThrow();
        ClientTimeline.Entry corrected = entry(timeline, secondSession);

        assertThat(corrected.corrections()).singleElement().satisfies(c -> {
            assertThat(c.reason()).as("personal data: not kept in the timeline").isNull();
            assertThat(c.changes()).containsEntry("zoneWork[1].densityAddedFraction", "0.4");
            assertThat(c.recordedAt()).isEqualTo(day("2026-01-27"));
        });
        assertThat(corrected.correctedValues()).containsEntry("zoneWork[1].densityAddedFraction", "0.4");
        assertThat(corrected.voided()).isFalse();
        assertThat(timeline.entries().items().get(6).corrects()).isEqualTo(secondSession);
    }

    @Test
    void asOfShowsTheTimelineExactlyAsItStoodAtEachInstant() {
        assertThat(harness.timeline.timeline("client-amir", day("2026-01-04"), 0, 50))
                .isEmpty();

        ClientTimeline afterConsultation = harness.timeline
                .timeline("client-amir", day("2026-01-05").plusSeconds(600), 0, 50)
                .orElseThrow();
        assertThat(afterConsultation.entries().items())
                .extracting(ClientTimeline.Entry::type)
                .containsExactly("ClientRegistered", "ConsultationHeld");

        // the evening of session 2: recorded as entered, the correction not yet made
        ClientTimeline beforeCorrection = harness.timeline
                .timeline("client-amir", day("2026-01-26").plus(Duration.ofHours(8)), 0, 50)
                .orElseThrow();
        assertThat(beforeCorrection.entries().items()).hasSize(6);
        assertThat(entry(beforeCorrection, secondSession).corrections()).isEmpty();
        assertThat(entry(beforeCorrection, secondSession).correctedValues()).isEmpty();

        ClientTimeline afterCorrection = harness.timeline
                .timeline("client-amir", day("2026-01-27"), 0, 50)
                .orElseThrow();
        assertThat(afterCorrection.entries().items()).hasSize(7);
        assertThat(entry(afterCorrection, secondSession).corrections()).hasSize(1);
    }

    @Test
    void longTimelinesArePaged() {
        ClientTimeline second =
                harness.timeline.timeline("client-amir", null, 1, 3).orElseThrow();

        assertThat(second.entries().total()).isEqualTo(8);
        assertThat(second.entries().items())
                .extracting(ClientTimeline.Entry::sequence)
                .containsExactly(3L, 4L, 5L);
    }

    @Test
    void anUnknownClientHasNoTimeline() {
        assertThat(harness.timeline.timeline("client-nobody", null, 0, 50)).isEmpty();
    }

    private static ClientTimeline.Entry entry(ClientTimeline timeline, String eventId) {
        List<ClientTimeline.Entry> matching = timeline.entries().items().stream()
                .filter(e -> e.eventId().equals(eventId))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
