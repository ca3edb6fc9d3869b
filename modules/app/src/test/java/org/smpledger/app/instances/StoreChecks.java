package org.smpledger.app.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.bson.Document;
import org.smpledger.density.DensityMeasures;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.smpledger.processing.EventProcessors;
import org.smpledger.projections.Projection;
import org.smpledger.projections.lots.LotUsageProjection;
import org.smpledger.projections.overview.ClinicOverviewProjection;
import org.smpledger.projections.replay.ProcessorSettings;
import org.smpledger.projections.replay.ProjectionProcessors;
import org.smpledger.projections.risk.RiskProjection;
import org.smpledger.projections.store.ReadModelBatch;
import org.smpledger.projections.timeline.TimelineProjection;
import org.smpledger.serialization.JsonEventSerializer;
import org.smpledger.serialization.ServiceJson;

/** What must hold of one store shared by several instances, checked from outside them. */
final class StoreChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreChecks() {}

    static List<Projection> projections() {
        // the instances run with the deployment's default policy
        DensityMeasures measures = DensityMeasures.DEFAULT;
        return List.of(
                new TimelineProjection(measures.naturalDensity()),
                new RiskProjection(measures),
                new LotUsageProjection(),
                new ClinicOverviewProjection(measures));
    }

    /** The global positions are 1..N with no gap and no repeat; returns every stored event id. */
    static Set<String> densePositions(MongoDatabase database) {
        long expected = 1;
        Set<String> ids = new HashSet<>();
        for (Document commit : database.getCollection("event_commits").find().sort(new Document("_id", 1))) {
            assertThat(commit.getLong("_id"))
                    .as("the commit after position %d", expected - 1)
                    .isEqualTo(expected);
            expected += commit.getInteger("n");
            for (String id : commit.getList("ids", String.class)) {
                assertThat(ids.add(id)).as("event %s stored once", id).isTrue();
            }
        }
        assertThat(ids).hasSize((int) (expected - 1));
        return ids;
    }

    /** Waits until every processor's stored position reaches the head, as the instance reports it. */
    static void caughtUp(ServiceProcess instance, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode coordination =
                    JSON.readTree(instance.get("/actuator/health/coordination").body());
            JsonNode details = coordination.path("details");
            assertThat(details.path("processors").size()).isPositive();
            details.path("processors")
                    .forEach(processor -> assertThat(processor.path("lag").asLong())
                            .as("%s", coordination)
                            .isZero());
        });
    }

    /**
     * Every projection's live generation, document for document, equals a rebuild of the same events
     * by one processor per projection in this JVM (one segment, one instance), into a fresh database.
     */
    static void readModelsEqualARebuild(String mongoUri, MongoDatabase database) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoDatabase rebuild = client.getDatabase(database.getName() + "_rebuild");
            JsonEventSerializer serializer =
                    JsonEventSerializer.on(ServiceJson.mapper(), new AnnotationRevisionResolver());
            MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder()
                    .database(client.getDatabase(database.getName()))
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .build();
            EmbeddedEventStore store =
                    EmbeddedEventStore.builder().storageEngine(engine).build();
            EventProcessors processors = EventProcessors.running(store, new InMemoryTokenStore());
            ProjectionProcessors single = new ProjectionProcessors(
                    projections(), rebuild, processors, ProcessorSettings.DEFAULT, Clock.systemUTC());
            try {
                single.start();
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> single.names().stream()
                                .allMatch(name -> single.status(name).lag() == 0
                                        && single.status(name).position() != null));
                assertThat(documents(rebuild, "timeline_g1"))
                        .as("timelines rebuilt")
                        .isNotEmpty();
                for (Projection projection : projections()) {
                    int live = database.getCollection("projection_generations")
                            .find(new Document("_id", projection.name()))
                            .first()
                            .getInteger("live");
                    for (String collection : projection.collections()) {
                        List<String> shared = documents(database, collection + "_g" + live);
                        List<String> alone = documents(rebuild, collection + "_g1");
                        assertThat(shared.size())
                                .as("%s generation %d: documents, against a single-instance rebuild", collection, live)
                                .isEqualTo(alone.size());
                        for (int i = 0; i < alone.size(); i++) {
                            if (!shared.get(i).equals(alone.get(i))) {
                                throw new AssertionError(collection + " generation " + live
                                        + " differs from a single-instance rebuild:\n shared: "
                                        + abbreviate(shared.get(i)) + "\n alone:  " + abbreviate(alone.get(i)));
                            }
                        }
                    }
                }
            } finally {
                single.close();
                processors.close();
                store.shutDown();
                rebuild.drop();
            }
        }
    }

    /**
     * The collection's documents in {@code _id} order, each with the fields of its embedded documents
     * in name order: a clinic's roster bucket (and its policies document) gets one field per client
     * (or policy) by {@code $set} from whichever segment handles that client, so with several segments
     * the order of those fields is the order the segments got there (readers see them by key);
     * everything else must match exactly.
     */
    private static List<String> documents(MongoDatabase database, String collection) {
        List<String> documents = new ArrayList<>();
        database.getCollection(collection)
                .find()
                .sort(new Document("_id", 1))
                .forEach(document -> documents.add(canonical(document).toJson()));
        return documents;
    }

    private static Document canonical(Document document) {
        Document top = new Document();
        // the position of the batch that wrote a record depends on where batches ended
        document.forEach((key, value) -> {
            if (!key.equals(ReadModelBatch.POSITION)) {
                top.put(key, sortedValue(value));
            }
        });
        return top;
    }

    private static Object sortedValue(Object value) {
        if (value instanceof Document nested) {
            return sorted(nested);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(StoreChecks::sortedValue).toList();
        }
        return value;
    }

    private static Document sorted(Document document) {
        Document sorted = new Document();
        new java.util.TreeMap<>(document).forEach((key, value) -> sorted.put(key, sortedValue(value)));
        return sorted;
    }

    private static String abbreviate(String json) {
        return json.length() <= 600 ? json : json.substring(0, 600) + "...";
    }

    /**
     * Kafka holds every stored event (by CloudEvents id); an event published more than once is the
     * identical CloudEvent each time (every header, key and byte of the payload). Returns the duplicates.
     */
    static int kafkaHoldsEveryEvent(String bootstrap, List<String> topics, Set<String> storedIds) {
        Map<String, String> seen = new HashMap<>();
        int duplicates = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                50))) {
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(topic ->
                            consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime())
                        .as("reading the topics to their end")
                        .isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String id = new String(record.headers().lastHeader("ce_id").value());
                    String whole = record.key() + "|"
                            + Arrays.stream(record.headers().toArray())
                                    .map(h -> h.key() + "=" + new String(h.value()))
                                    .sorted()
                                    .collect(Collectors.joining(","))
                            + "|" + new String(record.value());
                    String before = seen.putIfAbsent(id, whole);
                    if (before != null) {
                        duplicates++;
                        assertThat(whole)
                                .as("event %s published again identically", id)
                                .isEqualTo(before);
                    }
                }
            }
        }
        assertThat(seen.keySet()).containsAll(storedIds);
        return duplicates;
    }

    static String header(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value());
    }
}
