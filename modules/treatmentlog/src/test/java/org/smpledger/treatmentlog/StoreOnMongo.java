package org.smpledger.treatmentlog;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.eventstore.MongoCommitStorageEngine;

/** The production event store on the shared test MongoDB, in a fresh database, with commits of 1-3 events. */
final class StoreOnMongo implements AutoCloseable {

    /** A stored payload. */
    public record Noted(String clientId, String text) {}

    final MongoClient client = MongoClients.create(TestMongo.connectionString());
    final MongoDatabase database;
    final MongoCommitStorageEngine engine;
    final EmbeddedEventStore store;

    StoreOnMongo(String purpose) {
        database = client.getDatabase(TestMongo.freshDatabaseName(purpose));
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        engine = MongoCommitStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        store = EmbeddedEventStore.builder().storageEngine(engine).build();
    }

    /** Stores one commit of 1-3 events of a new stream; returns how many. */
    int commit() {
        String id = "client-" + UUID.randomUUID();
        int count = 1 + ThreadLocalRandom.current().nextInt(3);
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new GenericDomainEventMessage<>("TreatmentRecord", id, i, new Noted(id, "note " + i)));
        }
        engine.appendEvents(events);
        return count;
    }

    long commits(int count) {
        long events = 0;
        for (int i = 0; i < count; i++) {
            events += commit();
        }
        return events;
    }

    @Override
    public void close() {
        store.shutDown();
        client.close();
    }
}
