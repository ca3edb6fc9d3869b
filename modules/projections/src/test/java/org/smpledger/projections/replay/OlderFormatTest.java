package org.smpledger.projections.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.projections.Clinic.day;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.smpledger.projections.ProjectionsHarness;
import org.smpledger.projections.store.ReadModelCodecs;
import org.smpledger.projections.timeline.TimelineProjection;

/** Read models left by a version that stored another format are rebuilt from the events, never read. */
class OlderFormatTest {

    @Test
    void aGenerationWrittenInAnOlderFormatIsReplacedByARebuiltOne() {
        try (ProjectionsHarness harness = new ProjectionsHarness(ProcessorSettings.DEFAULT, database -> {
            database.getCollection("projection_generations")
                    .insertOne(new Document("_id", TimelineProjection.NAME)
                            .append("live", 3)
                            .append("building", null)
                            .append("highest", 3));
            database.getCollection("timeline_g3")
                    .insertOne(new Document("_id", "client-ola")
                            .append("clinicId", "clinic-north")
                            .append("lastSequence", 0L)
                            .append("entries", List.of(new Document("recordedAt", "2026-01-05T10:00:00Z"))));
        })) {
            harness.clinic.registers("client-ola", day("2026-01-05"));
            harness.caughtUp();

            assertThat(harness.processors.live(TimelineProjection.NAME).number())
                    .isEqualTo(4);
            assertThat(harness.timeline.timeline("client-ola", null, 0, 10))
                    .hasValueSatisfying(
                            timeline -> assertThat(timeline.entries().items())
                                    .singleElement()
                                    .satisfies(entry -> assertThat(entry.what()).isEqualTo("Client registered")));
            // the unreadable generation is dropped once no query can still read it (retire-after, 2 s here)
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> !harness.database
                            .listCollectionNames()
                            .into(new ArrayList<>())
                            .contains("timeline_g3"));
            assertThat(harness.database.listCollectionNames().into(new ArrayList<>()))
                    .contains("timeline_g4");
            assertThat(new MongoGenerationPointers(harness.database).pointer(TimelineProjection.NAME))
                    .isEqualTo(new GenerationPointer(
                            TimelineProjection.NAME, 4, null, 4, ReadModelCodecs.FORMAT, null, null));
            assertThat(harness.processors.live("risk").number()).isEqualTo(1);
        }
    }
}
