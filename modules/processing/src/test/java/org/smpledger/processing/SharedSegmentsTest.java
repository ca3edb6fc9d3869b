package org.smpledger.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;

/**
 * Two sets of processors, as two instances would run them, on one event stream and one token store
 * with claims (axon-mongo's, on the test MongoDB): the segments of a processor are shared through
 * the claims and {@link EventProcessors#balance}, each stream's events reach one segment in order,
 * and when one set stops the other takes its segments over.
 */
class SharedSegmentsTest {

    private static final int SEGMENTS = 4;

    private final MongoClient client = MongoClients.create(TestMongo.connectionString());
    private final MongoDatabase database = client.getDatabase(TestMongo.freshDatabaseName("segments"));
    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    /** Per instance and segment: the events handled, as "stream:sequence". */
    private final Map<String, List<String>> handled = new ConcurrentHashMap<>();

    private final EventProcessors a = instance("a");
    private final EventProcessors b = instance("b");

    @AfterEach
    void close() {
        a.close();
        b.close();
        store.shutDown();
        database.drop();
        client.close();
    }

    private EventProcessors instance(String name) {
        MongoTokenStore tokens = MongoTokenStore.builder()
                .mongoTemplate(
                        DefaultMongoTemplate.builder().mongoDatabase(database).build())
                .serializer(JacksonSerializer.builder()
                        .objectMapper(new com.fasterxml.jackson.databind.ObjectMapper())
                        .build())
                .claimTimeout(Duration.ofSeconds(2))
                .nodeId(name)
                .build();
        EventProcessors processors = EventProcessors.running(store, tokens);
        processors.register(ProcessorDefinition.perSegment("clients", segment -> new Recording(name + "#" + segment))
                .withSegments(SEGMENTS)
                .withBatchSize(10));
        return processors;
    }

    @Test
    void segmentsAreSharedByClaimsEachStreamStaysInOneSegmentAndAStoppedInstancesSegmentsAreTakenOver() {
        publish(0, 50);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    a.balance(2, Duration.ofSeconds(3));
                    b.balance(2, Duration.ofSeconds(3));
                    return a.heldSegments("clients").size() == 2
                            && b.heldSegments("clients").size() == 2;
                });
        assertThat(a.segmentCount("clients")).isEqualTo(SEGMENTS);
        List<Integer> all = new ArrayList<>(a.heldSegments("clients"));
        all.addAll(b.heldSegments("clients"));
        assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3);

        publish(50, 100);
        await().atMost(Duration.ofSeconds(30)).until(() -> everyEventHandled(100));
        a.close();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> b.heldSegments("clients").size() == SEGMENTS);
        publish(100, 150);
        await().atMost(Duration.ofSeconds(30)).until(() -> everyEventHandled(150));

        Map<String, String> segmentOfStream = new ConcurrentHashMap<>();
        handled.forEach((handler, events) -> {
            Map<String, Long> lastSequence = new ConcurrentHashMap<>();
            for (String event : events) {
                String stream = event.substring(0, event.indexOf(':'));
                long sequence = Long.parseLong(event.substring(event.indexOf(':') + 1));
                String segment = handler.substring(handler.indexOf('#'));
                assertThat(segmentOfStream.putIfAbsent(stream, segment))
                        .as("stream %s in one segment", stream)
                        .isIn(null, segment);
                assertThat(sequence)
                        .as("%s in order in %s", stream, handler)
                        .isGreaterThan(lastSequence.getOrDefault(stream, -1L));
                lastSequence.put(stream, sequence);
            }
        });
    }

    private boolean everyEventHandled(int count) {
        long distinct =
                handled.values().stream().flatMap(List::stream).distinct().count();
        return distinct == count;
    }

    /** Events {@code from..to-1}: 10 streams, event i is stream i % 10, sequence i / 10. */
    private void publish(int from, int to) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            events.add(new GenericDomainEventMessage<>("Client", "client-" + (i % 10), i / 10, "event-" + i));
        }
        store.publish(events);
    }

    private final class Recording implements EventBatchHandler<Void> {
        private final String name;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public Void begin(List<? extends EventMessage<?>> events) {
            return null;
        }

        @Override
        public void handle(EventMessage<?> event, Void batch) {
            DomainEventMessage<?> domain = (DomainEventMessage<?>) event;
            handled.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>())
                    .add(domain.getAggregateIdentifier() + ":" + domain.getSequenceNumber());
        }

        @Override
        public CompletionStage<?> finish(Void batch) {
            return EventBatchHandler.done();
        }
    }
}
