package org.smpledger.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smpledger.cli.ExitCodes;
import org.smpledger.cli.SeededClinics;
import org.smpledger.cli.Smp;
import org.smpledger.density.DensityMeasures;
import org.smpledger.processing.EventProcessors;
import org.smpledger.projections.Projection;
import org.smpledger.projections.replay.MongoGenerationPointers;
import org.smpledger.projections.replay.ProcessorSettings;
import org.smpledger.projections.replay.ProjectionProcessors;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * {@code smp replay} rebuilds the same read models the service's processors build (every document,
 * byte for byte), stops on request after a stored batch, resumes from there, and refuses a database
 * whose projection a running service processes.
 */
class ReplayCommandTest {

    private SeededClinics clinics;
    private final Map<String, List<BsonDocument>> builtByTheService = new LinkedHashMap<>();

    @BeforeEach
    void theServiceBuildsGenerationOne() {
        clinics = new SeededClinics().seeded();
        Map<String, Projection> projections = ReplayCommand.projections(DensityMeasures.DEFAULT);
        EventProcessors eventProcessors = EventProcessors.running(clinics.store, new InMemoryTokenStore());
        try (ProjectionProcessors processors = new ProjectionProcessors(
                projections.values(),
                clinics.database,
                eventProcessors,
                ProcessorSettings.DEFAULT,
                Clock.systemUTC())) {
            processors.start();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> processors.names().stream()
                            .allMatch(name -> processors.status(name).lag() == 0
                                    && processors.status(name).position() != null));
        } finally {
            eventProcessors.close();
        }
        for (Projection projection : projections.values()) {
            for (String collection : projection.collections()) {
                builtByTheService.put(collection, documents(clinics.database, collection + "_g1"));
            }
        }
        assertThat(builtByTheService.get("timeline")).hasSize(6);
        ReplayCommand.afterBatch = position -> {};
    }

    @AfterEach
    void drop() {
        ReplayCommand.afterBatch = position -> {};
        clinics.close();
    }

    @Test
    void ctrlCStopsAfterAStoredBatchAndTheSameCommandResumesToTheServicesDocuments() {
        AtomicInteger batches = new AtomicInteger();
        ReplayCommand.afterBatch = position -> {
            if (batches.incrementAndGet() == 2) {
                ReplayCommand.STOP.set(true);
            }
        };
        Smp stopped = Smp.on(clinics, "replay", "--all", "--batch-size", "7");

        assertThat(stopped.code()).as(stopped.toString()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(stopped.err())
                .contains("replay of timeline stopped at position 14 of 39; run the same command again to resume");
        ReplayCommand.afterBatch = position -> {};

        Smp resumed = Smp.on(clinics, "replay", "--all", "--batch-size", "7");

        assertThat(resumed.code()).as(resumed.toString()).isZero();
        assertThat(resumed.err())
                .contains("resuming the rebuild of timeline (generation 2) at position 14")
                .contains("replay of timeline complete: generation 2 is live (25/25 events (100.0%)")
                .contains("replay of risk complete: generation 2 is live")
                .contains("replay of lot-usage complete: generation 2 is live")
                .contains("replay of overview complete: generation 2 is live")
                .contains("events/s");
        for (Map.Entry<String, List<BsonDocument>> collection : builtByTheService.entrySet()) {
            assertThat(documents(clinics.database, collection.getKey() + "_g2"))
                    .as(collection.getKey())
                    .isEqualTo(collection.getValue());
        }
        List<String> names = clinics.database.listCollectionNames().into(new ArrayList<>());
        assertThat(names).noneMatch(name -> name.endsWith("_g1"));
        Document pointer = clinics.database
                .getCollection(MongoGenerationPointers.COLLECTION)
                .find(new Document("_id", "timeline"))
                .first();
        assertThat(pointer.getInteger("live")).isEqualTo(2);
        assertThat(pointer.get("building")).isNull();
        Document token = clinics.database
                .getCollection("tracking_tokens")
                .find(new Document("processorName", "timeline@g2"))
                .first();
        assertThat(token.get("owner")).isNull();
        assertThat(token.getString("tokenType"))
                .isEqualTo("org.axonframework.eventhandling.GlobalSequenceTrackingToken");
        assertThat(new String(token.get("token", org.bson.types.Binary.class).getData(), StandardCharsets.UTF_8))
                .isEqualTo("{\"globalIndex\":39}");
    }

    @Test
    void theProgressBarShowsEventsDoneOfTotalRateAndEta() {
        Smp replay = Smp.on(clinics, "replay", "timeline", "--batch-size", "1");

        assertThat(replay.code()).as(replay.toString()).isZero();
        assertThat(replay.err())
                .containsPattern("\rtimeline \\[#+\\.*\\] \\d+/39 events \\(\\d+\\.\\d%\\), \\d+ events/s, ETA ")
                .contains("39/39 events (100.0%)");
    }

    @Test
    void anUnknownProjectionIsNotFoundAndABusyDatabaseIsRefused() {
        Smp unknown = Smp.on(clinics, "replay", "timelines");
        assertThat(unknown.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.err().strip())
                .isEqualTo("smp replay: no projection named timelines (timeline, risk, lot-usage, overview)");

        clinics.database
                .getCollection("tracking_tokens")
                .insertOne(new Document("processorName", "risk@g1")
                        .append("segment", 0)
                        .append("owner", "1@service-host")
                        .append("timestamp", System.currentTimeMillis()));
        Smp busy = Smp.on(clinics, "replay", "risk");
        assertThat(busy.code()).as(busy.toString()).isEqualTo(ExitCodes.TARGET_IN_USE);
        assertThat(busy.err().strip())
                .startsWith("smp replay: a running service processes risk in " + clinics.database.getName())
                .doesNotContain("\n");
    }

    /** The records field for field, in order, less the position of the batch that wrote each (where batches ended). */
    private static List<BsonDocument> documents(MongoDatabase database, String collection) {
        List<BsonDocument> records = new ArrayList<>();
        database.getCollection(collection, BsonDocument.class)
                .find()
                .sort(new Document("_id", 1))
                .forEach(record -> {
                    record.remove(ReadModelBatch.POSITION);
                    records.add(record);
                });
        return records;
    }
}
