package org.smpledger.cli;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.RawBsonDocument;
import org.smpledger.embedded.EmbeddedMongoServer;

/** An open event store: the client, its database, and the embedded server when this process opened a data folder. */
public final class Store implements AutoCloseable {

    private final MongoClient client;
    private final EmbeddedMongoServer server;
    private final MongoDatabase database;
    private final String commitCollection;
    private final String description;

    private Store(
            MongoClient client,
            EmbeddedMongoServer server,
            String database,
            String commitCollection,
            String description) {
        this.client = client;
        this.server = server;
        this.database = client.getDatabase(database);
        this.commitCollection = commitCollection;
        this.description = description;
    }

    static Store connected(MongoClient client, String database, String commits, String description) {
        return new Store(client, null, database, commits, description);
    }

    static Store embedded(
            MongoClient client, EmbeddedMongoServer server, String database, String commits, String folder) {
        return new Store(client, server, database, commits, "data folder " + folder);
    }

    public MongoClient client() {
        return client;
    }

    public MongoDatabase database() {
        return database;
    }

    public String commitCollectionName() {
        return commitCollection;
    }

    public MongoCollection<RawBsonDocument> commits() {
        return database.getCollection(commitCollection, RawBsonDocument.class);
    }

    /** Where the store is, for messages (hosts or folder, never credentials). */
    public String description() {
        return description + ", database " + database.getName();
    }

    @Override
    public void close() {
        client.close();
        if (server != null) {
            server.close();
        }
    }
}
