package org.smpledger.publisher;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.smpledger.serialization.JsonEventSerializer;
import org.smpledger.serialization.ServiceJson;

/**
 * The production storage, wired as the app's {@code EventStoreConfiguration} does: events in our
 * {@link MongoCommitStorageEngine}, processor tokens in axon-mongo's {@link MongoTokenStore}, both
 * serialized with Jackson. One instance is one process's view (its own client) of a database that
 * outlives it.
 */
final class MongoStorage implements AutoCloseable {

    static final String TOKEN_COLLECTION = "tracking_tokens";
    /** Short, so a test need not wait the production 10 s before a dead process's claim expires. */
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(3);

    private final MongoClient client;
    private final MongoDatabase database;
    private final JsonEventSerializer serializer;
    private final MongoCommitStorageEngine engine;
    private final MongoTokenStore tokens;

    private MongoStorage(String connectionString, String databaseName) {
        this.client = MongoClients.create(connectionString);
        this.database = client.getDatabase(databaseName);
        this.serializer = JsonEventSerializer.on(ServiceJson.mapper(), new AnnotationRevisionResolver());
        this.engine = MongoCommitStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        this.tokens = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(database)
                        .trackingTokensCollectionName(TOKEN_COLLECTION)
                        .build())
                .serializer(serializer)
                .claimTimeout(CLAIM_TIMEOUT)
                .build();
    }

    /** A database of its own on the test MongoDB (the shared wire server, or SMP_TEST_MONGODB_URI). */
    static MongoStorage fresh(String purpose) {
        return new MongoStorage(TestMongo.connectionString(), TestMongo.freshDatabaseName(purpose));
    }

    /** Another process's (or a restarted service's) view of the same database. */
    static MongoStorage on(String connectionString, String databaseName) {
        return new MongoStorage(connectionString, databaseName);
    }

    MongoStorage reconnected() {
        return on(TestMongo.connectionString(), database.getName());
    }

    String databaseName() {
        return database.getName();
    }

    MongoCommitStorageEngine engine() {
        return engine;
    }

    TokenStore tokens() {
        return tokens;
    }

    /** The stored token and its owner, read without claiming it (fetching would take the claim). */
    Optional<StoredToken> storedToken(String processorName) {
        Document document = database.getCollection(TOKEN_COLLECTION)
                .find(new Document("processorName", processorName).append("segment", 0))
                .first();
        if (document == null || document.get("token") == null) {
            return Optional.empty();
        }
        byte[] bytes = document.get("token", Binary.class).getData();
        TrackingToken token = serializer.deserialize(
                new SimpleSerializedObject<>(bytes, byte[].class, document.getString("tokenType"), null));
        return Optional.of(new StoredToken(token, document.getString("owner")));
    }

    void drop() {
        database.drop();
    }

    @Override
    public void close() {
        client.close();
    }

    record StoredToken(TrackingToken token, String owner) {
        long position() {
            return token.position().orElseThrow();
        }
    }
}
