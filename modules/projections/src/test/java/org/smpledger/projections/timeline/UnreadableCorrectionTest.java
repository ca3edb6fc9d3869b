package org.smpledger.projections.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.projections.Clinic.day;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smpledger.projections.ProjectionsHarness;
import org.smpledger.projections.lots.LotRecall;

/**
 * The command API refuses corrections it cannot read, but a stored event is there for good: one
 * with odd field paths must neither stop a projection (it would retry it forever) nor corrupt it.
 */
class UnreadableCorrectionTest {

    static ProjectionsHarness harness;
    static String session;

    @BeforeAll
    static void recordACorrectionWithOddFieldPaths() {
        harness = new ProjectionsHarness();
        var clinic = harness.clinic;
        clinic.receivesLot("lot-ash-2", "B-2", day("2026-01-02"));
        clinic.registers("client-odd", day("2026-01-05"));
        session = clinic.session("client-odd", "s1", 1, 1, day("2026-01-12"))
                .zone(CROWN, 0.3, "lot-ash-2")
                .completed();
        Map<String, String> odd = new LinkedHashMap<>();
        odd.put("zoneWork[99999999999].pigments[0].lotId", "lot-other");
        odd.put("zoneWork[0].densityAddedFraction", "not a number");
        odd.put("$where", "1");
        odd.put("notes.with.dots", "fine");
        clinic.corrects("client-odd", session, "SessionCompleted", "odd paths", odd, day("2026-01-13"));
        clinic.session("client-odd", "s2", 1, 2, day("2026-01-26"))
                .zone(CROWN, 0.2, "lot-ash-2")
                .completed();
        harness.caughtUp();
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @Test
    void theTimelineShowsTheCorrectionAndGoesOnAfterIt() {
        ClientTimeline timeline =
                harness.timeline.timeline("client-odd", null, 0, 50).orElseThrow();

        assertThat(timeline.entries().items())
                .extracting(ClientTimeline.Entry::type)
                .containsExactly("ClientRegistered", "SessionCompleted", "RecordCorrected", "SessionCompleted");
        ClientTimeline.Entry corrected = timeline.entries().items().get(1);
        assertThat(corrected.correctedValues()).containsEntry("$where", "1").containsEntry("notes.with.dots", "fine");
    }

    @Test
    void lotUsageAndRiskIgnoreWhatTheyCannotReadAndKeepCounting() {
        LotRecall recall =
                harness.lots.clients("lot-ash-2", "clinic-north", 0, 50).orElseThrow();
        assertThat(recall.clients().items())
                .singleElement()
                .satisfies(use -> assertThat(use.uses()).hasSize(2));
        assertThat(harness.risk
                        .risk("client-odd", null, ProjectionsHarness.NOW)
                        .orElseThrow()
                        .zones())
                .singleElement()
                .satisfies(crown -> assertThat(crown.density()).isEqualTo(0.5));
    }
}
