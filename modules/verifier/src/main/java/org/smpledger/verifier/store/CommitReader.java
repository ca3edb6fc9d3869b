package org.smpledger.verifier.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.smpledger.verifier.leaf.CommitDocument;
import org.smpledger.verifier.leaf.MalformedCommitException;

/**
 * Raw commit documents by position windows, the way the event store's own processors read them:
 * {@code {_id: {$in: [p .. p+w-1]}}}, an exact-key lookup on MongoDB and on the embedded server.
 */
public final class CommitReader {

    private final MongoCollection<BsonDocument> commits;
    private final MongoCollection<RawBsonDocument> rawCommits;

    CommitReader(MongoCollection<BsonDocument> commits) {
        this.commits = commits;
        this.rawCommits = commits.withDocumentClass(RawBsonDocument.class);
    }

    /** The commits whose first position lies in {@code [from, from + size)}, in position order. */
    public List<BsonDocument> startingIn(long from, int size) {
        List<BsonDocument> found = commits.find(new Document("_id", new Document("$in", window(from, size))))
                .batchSize(size)
                .into(new ArrayList<>());
        found.sort(Comparator.comparingLong(CommitReader::idOf));
        return found;
    }

    /**
     * As {@link #startingIn}, the documents as the server sent them (their bytes, not decoded), in
     * the order they came.
     */
    public List<RawBsonDocument> rawStartingIn(long from, int size) {
        return rawCommits
                .find(new Document("_id", new Document("$in", window(from, size))))
                .batchSize(size)
                .into(new ArrayList<>(size));
    }

    /**
     * Every commit in position order ({@code _id} ascending), read in batches of {@code batch}: the
     * one read of a whole-log verification.
     */
    public MongoCursor<RawBsonDocument> rawInOrder(int batch) {
        return rawCommits.find().sort(new Document("_id", 1)).batchSize(batch).cursor();
    }

    /** The commit holding {@code position}: {@code {pos: position}}, an equality match on the unique pos index. */
    public Optional<BsonDocument> holding(long position) {
        return Optional.ofNullable(commits.find(new Document("pos", position)).first());
    }

    private static List<Long> window(long from, int size) {
        List<Long> window = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            window.add(from + i);
        }
        return window;
    }

    private static long idOf(BsonDocument commit) {
        try {
            return CommitDocument.firstPosition(commit);
        } catch (MalformedCommitException e) {
            return Long.MAX_VALUE; // never matched a window of positions
        }
    }
}
