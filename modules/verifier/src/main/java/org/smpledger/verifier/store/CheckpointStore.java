package org.smpledger.verifier.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import org.smpledger.verifier.checkpoint.Checkpoint;
import org.smpledger.verifier.checkpoint.FormatException;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;

/**
 * The checkpoints the log signed, one document per tree size in {@code <prefix>_checkpoints}:
 * {@code {_id: size, note: <signed note text>, root: <32 bytes>, time: <date>}}; the state
 * document names the latest ({@code checkpoint: size}). Read by {@code _id} only. A stored
 * checkpoint is never replaced: the first one signed for a size stays.
 */
public final class CheckpointStore {

    private final MongoCollection<Document> checkpoints;
    private final MongoCollection<Document> state;

    CheckpointStore(MongoCollection<Document> checkpoints, MongoCollection<Document> state) {
        this.checkpoints = checkpoints;
        this.state = state;
    }

    /** Stores a checkpoint (kept if one of that size is stored already) and makes it the latest if it is the largest. */
    public void save(SignedCheckpoint signed) {
        Checkpoint checkpoint = signed.checkpoint();
        Document document = new Document("_id", checkpoint.size())
                .append("note", signed.text())
                .append("root", new Binary(checkpoint.root().bytes()))
                .append("time", Date.from(checkpoint.time()));
        try {
            checkpoints.insertOne(document);
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Optional<SignedCheckpoint> existing = atSize(checkpoint.size());
            if (existing.isPresent() && !existing.get().checkpoint().root().equals(checkpoint.root())) {
                throw new StoreIntegrityException(
                        checkpoint.size(),
                        "a checkpoint of this size with another root is stored already: the tree changed");
            }
        }
        state.updateOne(
                new Document("_id", StoredTree.STATE_ID),
                new Document("$max", new Document("checkpoint", checkpoint.size())),
                new UpdateOptions().upsert(true));
    }

    /** The checkpoint of the largest tree signed so far. */
    public Optional<SignedCheckpoint> latest() {
        Document found = state.find(new Document("_id", StoredTree.STATE_ID))
                .projection(Projections.include("checkpoint"))
                .first();
        if (found == null || found.get("checkpoint") == null) {
            return Optional.empty();
        }
        return atSize(found.get("checkpoint", Number.class).longValue());
    }

    public Optional<SignedCheckpoint> atSize(long size) {
        Document found = checkpoints.find(new Document("_id", size)).first();
        if (found == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SignedCheckpoint.parse(found.getString("note")));
        } catch (FormatException | RuntimeException e) {
            throw new StoreIntegrityException(size, "the stored checkpoint is not a checkpoint: " + e.getMessage());
        }
    }
}
