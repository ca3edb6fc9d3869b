package org.smpledger.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.utils.TestSerializer;
import org.smpledger.embedded.testing.TestMongo;

/** One MongoClient for the test JVM (TestMongo's server, or SMP_TEST_MONGODB_URI), a fresh database per use. */
final class TestStores {

    private static MongoClient client;

    private TestStores() {}

    static synchronized MongoClient client() {
        if (client == null) {
            client = MongoClients.create(TestMongo.connectionString());
        }
        return client;
    }

    static MongoDatabase freshDatabase(String purpose) {
        return client().getDatabase(TestMongo.freshDatabaseName(purpose));
    }

    /** A client of its own that reports every command it sends, for tests that check what the engine asks. */
    static MongoClient listeningClient(com.mongodb.event.CommandListener listener) {
        return listeningClient(TestMongo.connectionString(), listener);
    }

    static MongoClient listeningClient(String connectionString, com.mongodb.event.CommandListener listener) {
        return MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(connectionString))
                .addCommandListener(listener)
                .build());
    }

    static org.axonframework.serialization.json.JacksonSerializer jackson() {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .setVisibility(
                        com.fasterxml.jackson.annotation.PropertyAccessor.FIELD,
                        com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY);
        return org.axonframework.serialization.json.JacksonSerializer.builder()
                .objectMapper(mapper)
                .build();
    }

    static MongoCommitStorageEngine.Builder engineOn(MongoDatabase database) {
        return MongoCommitStorageEngine.builder()
                .database(database)
                .eventSerializer(TestSerializer.xStreamSerializer())
                .snapshotSerializer(TestSerializer.xStreamSerializer());
    }
}
