package org.smpledger.eventstore;

import static org.smpledger.eventstore.CommitDocuments.COUNT;
import static org.smpledger.eventstore.CommitDocuments.ID;
import static org.smpledger.eventstore.CommitDocuments.POSITIONS;
import static org.smpledger.eventstore.CommitDocuments.end;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * What one engine knows about the occupied global positions, and how it finds the head. Occupied
 * positions always form a prefix 1..head-1 (see docs/architecture.md, "Why the guarantees hold"),
 * so every lookup is an exact-key {@code pos $in} query.
 */
final class GlobalPositions {

    private static final int GALLOP_PROBES = 31;

    private final MongoCollection<Document> commits;
    /** A commit boundary known to exist (the end of a commit this engine wrote or read); never beyond the head. */
    private final AtomicLong knownEnd = new AtomicLong(MongoCommitStorageEngine.FIRST_POSITION);

    GlobalPositions(MongoCollection<Document> commits) {
        this.commits = commits;
    }

    long knownEnd() {
        return knownEnd.get();
    }

    /** Records that a commit ends at {@code end} (exclusive); the known end only moves forward. */
    void sawCommitEndingAt(long end) {
        knownEnd.accumulateAndGet(end, Math::max);
    }

    /**
     * After an insert at {@code firstPosition} met a duplicate key, in one round trip: -1 when none of
     * its {@code count} positions is occupied (the clash was on a stream position or an event id), else
     * a commit boundary past them to try next: the furthest commit end found among its positions and
     * exponential probes beyond them. That is the head unless more commits lie past the probes; an
     * insert there that clashes again comes back here from further on, so a writer needs no separate
     * round trip to confirm the head before it tries. The boundary found is recorded as known.
     */
    long nextAfterClash(long firstPosition, int count) {
        List<Long> probes = new ArrayList<>(count + GALLOP_PROBES);
        for (int i = 0; i < count; i++) {
            probes.add(firstPosition + i);
        }
        long last = firstPosition + count - 1;
        for (int i = 0; i < GALLOP_PROBES; i++) {
            probes.add(last + (1L << i));
        }
        long furthest = furthestEnd(probes);
        if (furthest >= 0) {
            sawCommitEndingAt(furthest);
        }
        return furthest;
    }

    /**
     * From a known commit boundary to the current head (the first free position). Exponential probes
     * by exact position halve the distance to the head in each round trip: a lagging instance catches
     * up in O(log distance) queries. The head found is recorded as known.
     */
    long catchUp(long boundary) {
        long current = boundary;
        while (true) {
            List<Long> probes = new ArrayList<>(GALLOP_PROBES);
            probes.add(current);
            for (int i = 0; i < GALLOP_PROBES - 1; i++) {
                probes.add(current + (1L << i));
            }
            long furthest = furthestEnd(probes);
            if (furthest < 0) {
                sawCommitEndingAt(current);
                return current;
            }
            current = furthest;
        }
    }

    private long furthestEnd(List<Long> positions) {
        long end = -1;
        for (Document found : commits.find(new Document(POSITIONS, new Document("$in", positions)))
                .projection(Projections.include(ID, COUNT))) {
            end = Math.max(end, end(found));
        }
        return end;
    }
}
