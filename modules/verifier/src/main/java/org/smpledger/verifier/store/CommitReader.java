package org.smpledger.verifier.store;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.Document;
import org.smpledger.verifier.leaf.CommitDocument;
import org.smpledger.verifier.leaf.MalformedCommitException;

/**
 * Raw commit documents by position windows, the way the event store's own processors read them:
 * {@code {_id: {$in: [p .. p+w-1]}}}, an exact-key lookup on MongoDB and on the embedded server.
 */
public final class CommitReader {

    private final MongoCollection<BsonDocument> commits;

    CommitReader(MongoCollection<BsonDocument> commits) {
        this.commits = commits;
    }

    /** The commits whose first position lies in {@code [from, from + size)}, in position order. */
    public List<BsonDocument> startingIn(long from, int size) {
        List<Long> window = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            window.add(from + i);
        }
        List<BsonDocument> found = commits.find(new Document("_id", new Document("$in", window)))
                .batchSize(size)
                .into(new ArrayList<>());
        found.sort(Comparator.comparingLong(CommitReader::idOf));
        return found;
    }

    /** The commit holding {@code position}: {@code {pos: position}}, an equality match on the unique pos index. */
    public Optional<BsonDocument> holding(long position) {
        return Optional.ofNullable(commits.find(new Document("pos", position)).first());
    }

    private static long idOf(BsonDocument commit) {
        try {
            return CommitDocument.firstPosition(commit);
        } catch (MalformedCommitException e) {
            return Long.MAX_VALUE; // never matched a window of positions
        }
    }
}
