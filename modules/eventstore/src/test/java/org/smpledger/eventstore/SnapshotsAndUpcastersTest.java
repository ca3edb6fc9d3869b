package org.smpledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotsAndUpcastersTest {

    private final MongoDatabase database = TestStores.freshDatabase("snapshots");

    @AfterEach
    void drop() {
        database.drop();
    }

    @Test
    void axonsSnapshotterStoresASnapshotAndTheRepositoryLoadsFromItPlusLaterEvents() throws Exception {
        MongoCommitStorageEngine engine = TestStores.engineOn(database)
                .eventSerializer(TestStores.jackson())
                .snapshotSerializer(TestStores.jackson())
                .build();
        EmbeddedEventStore store =
                EmbeddedEventStore.builder().storageEngine(engine).build();
        try {
            for (int seq = 0; seq < 5; seq++) {
                engine.appendEvents(counted("c-1", seq, seq + 1));
            }
            AggregateSnapshotter snapshotter = AggregateSnapshotter.builder()
                    .eventStore(store)
                    .aggregateFactories(new GenericAggregateFactory<>(Counter.class))
                    .build();
            snapshotter.scheduleSnapshot(Counter.class, "c-1");
            assertThat(engine.readSnapshot("c-1"))
                    .hasValueSatisfying(s -> assertThat(s.getSequenceNumber()).isEqualTo(4));

            engine.appendEvents(counted("c-1", 5, 100), counted("c-1", 6, 1000));

            List<? extends DomainEventMessage<?>> loaded =
                    store.readEvents("c-1").asStream().toList();
            assertThat(loaded).extracting(DomainEventMessage::getSequenceNumber).containsExactly(4L, 5L, 6L);
            assertThat(loaded.get(0).getPayload()).isInstanceOf(Counter.class);

            EventSourcingRepository<Counter> repository = EventSourcingRepository.builder(Counter.class)
                    .eventStore(store)
                    .build();
            int total = DefaultUnitOfWork.startAndGet(null)
                    .executeWithResult(() -> repository.load("c-1").invoke(Counter::total))
                    .getPayload();
            assertThat(total).isEqualTo(1 + 2 + 3 + 4 + 5 + 100 + 1000);
        } finally {
            store.shutDown();
        }
    }

    @Test
    void anUpcasterTurnsStoredRevisionOnePayloadsIntoRevisionTwoOnLoadAndTracking() {
        MongoCommitStorageEngine writer = TestStores.engineOn(database)
                .eventSerializer(TestStores.jackson())
                .build();
        writer.appendEvents(new GenericDomainEventMessage<>("TreatmentRecord", "client-9", 0, new NoteV1("dark ash")));
        rewriteTypeAsRevisionOne();

        MongoCommitStorageEngine reader = TestStores.engineOn(database)
                .eventSerializer(TestStores.jackson())
                .upcasterChain(new EventUpcasterChain(new NoteV1ToV2()))
                .build();

        assertThat(reader.readEvents("client-9").next().getPayload()).isEqualTo(new Note("dark ash", "unknown"));
        assertThat(reader.readEvents(reader.createTailToken(), false)
                        .findFirst()
                        .orElseThrow()
                        .getPayload())
                .isEqualTo(new Note("dark ash", "unknown"));
    }

    private void rewriteTypeAsRevisionOne() {
        // The engine never updates events; this test stands in for an older release that wrote
        // revision "1" of the payload. It re-creates the commit document directly with the driver.
        var commits = database.getCollection("event_commits");
        var commit = commits.find().first();
        var event = commit.getList("events", org.bson.Document.class).get(0);
        event.put("pt", NoteV1.class.getName());
        event.put("pr", "1");
        commits.drop();
        TestStores.engineOn(database).build(); // indexes again
        commits.insertOne(commit);
    }

    record NoteV1(String text) {}

    record Note(String text, String shade) {}

    static final class NoteV1ToV2 extends SingleEventUpcaster {
        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().equals(new SimpleSerializedType(NoteV1.class.getName(), "1"));
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcast(
                    new SimpleSerializedType(Note.class.getName(), "2"),
                    JsonNode.class,
                    json -> ((ObjectNode) json).put("shade", "unknown"),
                    metaData -> metaData);
        }
    }

    private static DomainEventMessage<Counter.Counted> counted(String counter, long seq, int by) {
        return new GenericDomainEventMessage<>("Counter", counter, seq, new Counter.Counted(counter, by));
    }
}
