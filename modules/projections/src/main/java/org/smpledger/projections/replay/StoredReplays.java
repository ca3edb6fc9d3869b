package org.smpledger.projections.replay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.smpledger.projections.store.Generation;

/**
 * The latest replay of each projection, in the store ({@code projection_replays}, one document per
 * projection): which generation it builds from which, the position before its first event, when it
 * started and how it ended. Progress is not stored: every instance computes it from the rebuilding
 * processor's stored token and the head, so any instance shows the same figures, whichever instance
 * drives the rebuild, and a rebuild outlives the instance that started it.
 */
public final class StoredReplays {

    public static final String COLLECTION = "projection_replays";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> replays;

    public StoredReplays(MongoDatabase database) {
        this.replays = database.getCollection(COLLECTION);
    }

    /** What is kept of a replay; {@code finishedAt}, {@code eventsTotal} and {@code failure} once it ended. */
    public record Record(
            Generation from,
            Generation to,
            long base,
            Instant startedAt,
            ReplayProgress.State state,
            Instant finishedAt,
            long eventsTotal,
            String failure) {}

    public Optional<Record> latest(String projection) {
        Document found = replays.find(new Document("_id", projection)).first();
        if (found == null) {
            return Optional.empty();
        }
        Date finished = found.getDate("finishedAt");
        return Optional.of(new Record(
                new Generation(projection, found.getInteger("from")),
                new Generation(projection, found.getInteger("to")),
                found.getLong("base"),
                found.getDate("startedAt").toInstant(),
                ReplayProgress.State.valueOf(found.getString("state")),
                finished == null ? null : finished.toInstant(),
                found.get("eventsTotal") == null ? 0 : found.getLong("eventsTotal"),
                found.getString("failure")));
    }

    /** A replay has just started (its generation reserved); it becomes the projection's latest. */
    public void started(Generation from, Generation to, long base, Instant at) {
        replays.replaceOne(
                new Document("_id", to.projection()),
                new Document("_id", to.projection())
                        .append("from", from.number())
                        .append("to", to.number())
                        .append("base", base)
                        .append("startedAt", Date.from(at))
                        .append("state", ReplayProgress.State.RUNNING.name())
                        .append("finishedAt", null)
                        .append("eventsTotal", null)
                        .append("failure", null),
                UPSERT);
    }

    /** The replay into {@code to} ended as {@code state} (once: a later call for the same replay changes nothing). */
    public void ended(Generation to, ReplayProgress.State state, long eventsTotal, Instant at, String failure) {
        replays.updateOne(
                new Document("_id", to.projection())
                        .append("to", to.number())
                        .append("state", ReplayProgress.State.RUNNING.name()),
                new Document(
                        "$set",
                        new Document("state", state.name())
                                .append("finishedAt", Date.from(at))
                                .append("eventsTotal", eventsTotal)
                                .append("failure", failure)));
    }
}
