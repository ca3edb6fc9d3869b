package org.smpledger.verifier.store;

import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoDatabase;
import java.util.Objects;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * The collections of the verifiable log in one MongoDB database: the event store's commits (read
 * only) and the tree's own collections {@code <prefix>_tiles}, {@code <prefix>_checkpoints} and
 * {@code <prefix>_state}. Commits are read at read concern majority (never a commit a failover
 * could roll back); the tree is written with majority and journal, like the events.
 */
public final class LogStore {

    public static final String DEFAULT_COMMITS = "event_commits";
    public static final String DEFAULT_PREFIX = "verifiable_log";

    private final MongoDatabase database;
    private final String commitCollection;
    private final String prefix;
    private final ReadConcern readConcern;
    private final WriteConcern writeConcern;

    private LogStore(
            MongoDatabase database,
            String commitCollection,
            String prefix,
            ReadConcern readConcern,
            WriteConcern writeConcern) {
        this.database = Objects.requireNonNull(database, "database");
        this.commitCollection = commitCollection;
        this.prefix = prefix;
        this.readConcern = readConcern;
        this.writeConcern = writeConcern;
    }

    /** The default collection names, majority reads and writes. */
    public static LogStore on(MongoDatabase database) {
        return new LogStore(
                database,
                DEFAULT_COMMITS,
                DEFAULT_PREFIX,
                ReadConcern.MAJORITY,
                WriteConcern.MAJORITY.withJournal(true));
    }

    public LogStore withCommitCollection(String name) {
        return new LogStore(database, name, prefix, readConcern, writeConcern);
    }

    public LogStore withTreePrefix(String treePrefix) {
        return new LogStore(database, commitCollection, treePrefix, readConcern, writeConcern);
    }

    public LogStore withReadConcern(ReadConcern concern) {
        return new LogStore(database, commitCollection, prefix, concern, writeConcern);
    }

    public LogStore withWriteConcern(WriteConcern concern) {
        return new LogStore(database, commitCollection, prefix, readConcern, concern);
    }

    public CommitReader commits() {
        return new CommitReader(
                database.getCollection(commitCollection, BsonDocument.class).withReadConcern(readConcern));
    }

    public StoredTree tree() {
        return new StoredTree(collection("_tiles"), collection("_state"));
    }

    public CheckpointStore checkpoints() {
        return new CheckpointStore(collection("_checkpoints"), collection("_state"));
    }

    private com.mongodb.client.MongoCollection<Document> collection(String suffix) {
        return database.getCollection(prefix + suffix)
                .withReadConcern(readConcern)
                .withWriteConcern(writeConcern);
    }
}
