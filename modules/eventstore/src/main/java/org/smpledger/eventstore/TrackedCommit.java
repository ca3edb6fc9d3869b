package org.smpledger.eventstore;

import java.time.Instant;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * A commit as a processor read it: its first position, how many positions it takes, and the document
 * as the server sent it (not decoded). A commit that is not in the engine's shape still takes its
 * positions (its events, else its {@code n}, else one), so a reader of the raw commits can hand it on
 * to whoever judges it.
 */
record TrackedCommit(long first, int count, RawBsonDocument raw) {

    long end() {
        return first + count;
    }

    /** The global position of the commit's last event: the token of a reader that has handled it. */
    long last() {
        return end() - 1;
    }

    /** Null for a document whose {@code _id} is not a position (no window of positions can have matched it). */
    static TrackedCommit of(RawBsonDocument raw) {
        BsonValue id = raw.get(CommitDocuments.ID);
        if (id == null || !id.isNumber()) {
            return null;
        }
        return new TrackedCommit(id.asNumber().longValue(), positionsTaken(raw), raw);
    }

    /** When the commit's last event was stored; null when the commit does not say. */
    Instant lastEventTime() {
        try {
            BsonValue events = raw.get(CommitDocuments.EVENTS);
            if (events == null || !events.isArray() || events.asArray().isEmpty()) {
                return null;
            }
            BsonArray array = events.asArray();
            BsonValue last = array.get(array.size() - 1);
            BsonValue time = last.isDocument() ? last.asDocument().get(CommitDocuments.TIMESTAMP) : null;
            return time != null && time.isDateTime()
                    ? Instant.ofEpochMilli(time.asDateTime().getValue())
                    : null;
        } catch (RuntimeException e) {
            return null; // unreadable here; whoever reads the commit says what is wrong with it
        }
    }

    private static int positionsTaken(BsonDocument commit) {
        try {
            BsonValue events = commit.get(CommitDocuments.EVENTS);
            if (events != null && events.isArray() && !events.asArray().isEmpty()) {
                return events.asArray().size();
            }
            BsonValue n = commit.get(CommitDocuments.COUNT);
            if (n != null
                    && n.isNumber()
                    && n.asNumber().longValue() > 0
                    && n.asNumber().longValue() < 1_000_000) {
                return n.asNumber().intValue();
            }
        } catch (RuntimeException e) {
            // an unreadable array: one position, like a commit without events
        }
        return 1;
    }
}
