package org.smpledger.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;

/**
 * Fencing: an instance whose processor stalls in the middle of a batch (a long GC pause, a stopped
 * process, a cut link) past the claim timeout loses its segment to another instance; when it comes
 * back, its batch writes nothing and its token does not move back.
 */
class StaleClaimTest {

    private static final String PROCESSOR = "fenced";

    private final MongoClient client = MongoClients.create(TestMongo.connectionString());
    private final MongoDatabase database = client.getDatabase(TestMongo.freshDatabaseName("fencing"));
    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    /** Batches whose writes were started, as "instance:first..last". */
    private final List<String> written = new CopyOnWriteArrayList<>();

    private final CountDownLatch paused = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);
    private final List<EventProcessors> running = new ArrayList<>();

    @AfterEach
    void close() {
        resume.countDown();
        running.forEach(EventProcessors::close);
        store.shutDown();
        database.drop();
        client.close();
    }

    @Test
    void aHolderThatComesBackAfterItsClaimWasTakenWritesNothingAndLeavesTheTokenAlone() throws Exception {
        publish(0, 20);
        EventProcessors a = instance("a", true);
        assertThat(paused.await(20, TimeUnit.SECONDS))
                .as("a stalls in its first batch")
                .isTrue();
        EventProcessors b = instance("b", false);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> b.heldSegments(PROCESSOR).contains(0) && position(b) >= 19);
        long positionByB = storedPosition();
        assertThat(written).allMatch(batch -> batch.startsWith("b:"));

        resume.countDown();
        publish(20, 30);
        await().atMost(Duration.ofSeconds(20)).until(() -> position(b) >= 29);
        Thread.sleep(1500);

        assertThat(written).as("the stale holder started no writes").allMatch(batch -> batch.startsWith("b:"));
        assertThat(a.heldSegments(PROCESSOR)).isEmpty();
        assertThat(storedPosition()).isGreaterThanOrEqualTo(positionByB).isGreaterThanOrEqualTo(29);
        assertThat(tokens("probe").fetchSegments(PROCESSOR)).containsExactly(0);
    }

    private EventProcessors instance(String name, boolean stallFirstBatch) {
        EventProcessors processors = EventProcessors.running(store, tokens(name));
        running.add(processors);
        processors.register(ProcessorDefinition.of(PROCESSOR, new Writing(name, stallFirstBatch))
                .withBatchSize(5));
        return processors;
    }

    private long position(EventProcessors processors) {
        return processors.position(PROCESSOR).orElse(-1);
    }

    /** The stored token's position, read without claiming it. */
    private long storedPosition() {
        Document token = database.getCollection("trackingtokens")
                .find(new Document("processorName", PROCESSOR).append("segment", 0))
                .first();
        assertThat(token).isNotNull();
        String json = new String(token.get("token", Binary.class).getData(), StandardCharsets.UTF_8);
        Matcher index = Pattern.compile("\"globalIndex\"\\s*:\\s*(\\d+)").matcher(json);
        assertThat(index.find()).as(json).isTrue();
        return Long.parseLong(index.group(1));
    }

    private TokenStore tokens(String node) {
        return MongoTokenStore.builder()
                .mongoTemplate(
                        DefaultMongoTemplate.builder().mongoDatabase(database).build())
                .serializer(JacksonSerializer.builder()
                        .objectMapper(new com.fasterxml.jackson.databind.ObjectMapper())
                        .build())
                .claimTimeout(Duration.ofSeconds(2))
                .nodeId(node)
                .build();
    }

    private void publish(int from, int to) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            events.add(new GenericDomainEventMessage<>("Client", "client-" + (i % 4), i / 4, "event-" + i));
        }
        store.publish(events);
    }

    /** Records each batch whose writes start; optionally stalls in its first batch until the test resumes it. */
    private final class Writing implements EventBatchHandler<List<Long>> {
        private final String name;
        private boolean stall;

        Writing(String name, boolean stall) {
            this.name = name;
            this.stall = stall;
        }

        @Override
        public List<Long> begin(List<? extends EventMessage<?>> events) {
            return new ArrayList<>();
        }

        @Override
        public void handle(EventMessage<?> event, List<Long> batch) throws InterruptedException {
            if (stall) {
                stall = false;
                paused.countDown();
                resume.await(60, TimeUnit.SECONDS);
            }
            batch.add(((DomainEventMessage<?>) event).getSequenceNumber());
        }

        @Override
        public CompletionStage<?> finish(List<Long> batch) {
            written.add(name + ":" + batch);
            return EventBatchHandler.done();
        }
    }
}
