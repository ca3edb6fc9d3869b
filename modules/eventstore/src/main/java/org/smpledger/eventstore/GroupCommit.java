package org.smpledger.eventstore;

import static org.smpledger.eventstore.CommitDocuments.EVENT_IDS;
import static org.smpledger.eventstore.CommitDocuments.ID;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * Writes the commits of one engine, one round trip at a time, each round trip carrying every
 * commit that arrived while the previous one was in flight (up to {@code maxCommits} commits and
 * {@code maxBytes} bytes; a commit larger than that goes alone).
 * <p>
 * An appending thread that finds no write in flight writes its commit itself (no handoff when
 * appends come one at a time). Commits that arrive meanwhile are written, group after group, by a
 * background thread ({@code smp-group-commit}) that runs while commits keep coming and stops when
 * the queue is empty; it wakes exactly the threads whose commits each round trip decided.
 * <p>
 * A group is one ordered {@code insertMany} of commits at consecutive positions. MongoDB stores an
 * ordered batch up to its first failing document and nothing after it, so the occupied positions
 * stay a gap-free prefix: the members before the failure are stored; the failing member is
 * rejected alone when a stream position or event id of it is taken (a conflict), or, when another
 * writer took its position, retried with the rest at the new head; the rest are retried at once
 * from the failing member's position. Every member gets its own outcome, and none is reported
 * stored before the server acknowledged it at the collection's write concern.
 */
final class GroupCommit {

    private static final int MAX_POSITION_ATTEMPTS = 10_000;
    private static final long MAX_REJOIN_WAIT_MILLIS = 5;
    private static final InsertManyOptions ORDERED = new InsertManyOptions().ordered(true);
    /** Shared by every engine in the JVM; its daemon threads end after a minute without work. */
    private static final Executor BACKGROUND = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smp-group-commit");
        thread.setDaemon(true);
        return thread;
    });

    private final MongoCollection<RawBsonDocument> writer;
    private final MongoCollection<Document> confirmedReader;
    private final GlobalPositions positions;
    private final int maxCommits;
    private final int maxBytes;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<PendingCommit> queue = new ArrayDeque<>();
    private boolean writing;
    /** Signalled when a commit joins the queue, for a writer waiting for appenders to come back. */
    private final Condition arrived = lock.newCondition();
    /** The last round trip: how many commits it decided, how many were queued when it ended, how long it took. */
    private int lastGroupSize;

    private int queuedAfterLastGroup;
    /** Round trips that wrote commits, and those that found their first position taken by another writer. */
    private final AtomicLong groupWrites = new AtomicLong();

    private final AtomicLong positionClashes = new AtomicLong();
    private long lastRoundTripNanos;

    /**
     * @param writer the commits collection at the configured write concern
     * @param confirmedReader the commits collection read at majority, to tell after an ambiguous
     *     error whether a commit was stored durably
     */
    GroupCommit(
            MongoCollection<RawBsonDocument> writer,
            MongoCollection<Document> confirmedReader,
            GlobalPositions positions,
            int maxCommits,
            int maxBytes) {
        this.writer = writer;
        this.confirmedReader = confirmedReader;
        this.positions = positions;
        this.maxCommits = maxCommits;
        this.maxBytes = maxBytes;
    }

    /** Returns once {@code commit} is decided (see {@link PendingCommit#outcome()}). */
    void append(PendingCommit commit) {
        boolean interrupted = false;
        lock.lock();
        try {
            Condition myTurn = lock.newCondition();
            commit.wakeUpOn(myTurn);
            queue.add(commit);
            arrived.signal();
            while (!commit.decided()) {
                if (writing) {
                    // once sent, its outcome may be unknown for a while, but it is never abandoned
                    myTurn.awaitUninterruptibly();
                    interrupted |= Thread.interrupted();
                    continue;
                }
                // Nothing in flight: this thread writes (its own commit heads the queue), with no handoff.
                writing = true;
                boolean handedOver = false;
                try {
                    writeNextGroup();
                    if (!queue.isEmpty()) {
                        BACKGROUND.execute(this::writeWhileQueued);
                        handedOver = true;
                    }
                } finally {
                    if (!handedOver) {
                        idle();
                    }
                }
            }
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Commits queued while the appending thread wrote: a background thread writes group after group
     * as long as commits keep coming, so under load no round trip waits for a sleeping thread to
     * wake up and take its turn. It stops when the queue is empty.
     */
    private void writeWhileQueued() {
        lock.lock();
        try {
            while (true) {
                awaitReturningAppenders();
                if (queue.isEmpty()) {
                    return;
                }
                writeNextGroup();
            }
        } finally {
            idle();
            lock.unlock();
        }
    }

    /** Writes one group from the head of the queue; called and returns with the lock held. */
    private void writeNextGroup() {
        List<PendingCommit> group = takeGroup();
        lock.unlock();
        long start = System.nanoTime();
        try {
            write(group);
        } finally {
            lock.lock();
            lastRoundTripNanos = System.nanoTime() - start;
            lastGroupSize = group.size();
            queuedAfterLastGroup = queue.size();
            group.forEach(PendingCommit::wakeUp);
        }
    }

    /** No write in flight any more; if commits are still queued (a writer died), one of their threads writes next. */
    private void idle() {
        writing = false;
        lastGroupSize = 0;
        if (!queue.isEmpty()) {
            queue.peek().wakeUp();
        }
    }

    /**
     * Under load the appenders fall into two cohorts that take turns: while one group is on the
     * wire the other waits, and the members of the group just answered only append again once
     * their threads have run. When that group had several members, the next writer waits for them
     * to come back (up to the queue it saw plus that group), for at most a quarter of the last round
     * trip and {@value #MAX_REJOIN_WAIT_MILLIS} ms: groups then hold nearly every appender instead of
     * half, for a small fraction of a round trip of added latency. A lone appender never waits.
     */
    private void awaitReturningAppenders() {
        if (lastGroupSize <= 1) {
            return;
        }
        int expected = Math.min(maxCommits, queuedAfterLastGroup + lastGroupSize);
        long left = Math.min(lastRoundTripNanos / 4, TimeUnit.MILLISECONDS.toNanos(MAX_REJOIN_WAIT_MILLIS));
        while (queue.size() < expected && left > 0) {
            try {
                left = arrived.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Insert round trips sent so far (each holds a group of commits at consecutive positions). */
    long groupWrites() {
        return groupWrites.get();
    }

    /** Round trips that found a position taken by another writer (another instance) and went again at the head. */
    long positionClashes() {
        return positionClashes.get();
    }

    /** Commits queued for a round trip that has not started yet. */
    int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private List<PendingCommit> takeGroup() {
        List<PendingCommit> group = new ArrayList<>(Math.min(queue.size(), maxCommits));
        long bytes = 0;
        while (!queue.isEmpty() && group.size() < maxCommits) {
            PendingCommit next = queue.peek();
            if (!group.isEmpty() && bytes + next.size() > maxBytes) {
                break;
            }
            group.add(queue.poll());
            bytes += next.size();
        }
        return group;
    }

    /** Decides every member of the group, whatever happens. */
    private void write(List<PendingCommit> group) {
        try {
            writeFrom(positions.knownEnd(), group);
        } catch (RuntimeException e) {
            group.forEach(member -> member.failed(e));
        } catch (Error e) {
            group.forEach(member -> member.failed(new EventStoreException("The append was interrupted", e)));
            throw e;
        }
    }

    private void writeFrom(long firstPosition, List<PendingCommit> group) {
        List<PendingCommit> remaining = group;
        long candidate = firstPosition;
        int attempts = 0;
        while (!remaining.isEmpty()) {
            List<RawBsonDocument> documents = new ArrayList<>(remaining.size());
            long next = candidate;
            for (PendingCommit member : remaining) {
                documents.add(member.at(next));
                next += member.count();
            }
            BulkWriteError error;
            MongoBulkWriteException failure;
            groupWrites.incrementAndGet();
            try {
                writer.insertMany(documents, ORDERED);
                remaining.forEach(PendingCommit::stored);
                positions.sawCommitEndingAt(next);
                return;
            } catch (MongoBulkWriteException e) {
                if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty()) {
                    unconfirmed(remaining, e);
                    return;
                }
                failure = e;
                error = e.getWriteErrors().get(0); // ordered: the first failure stopped the batch
            } catch (MongoException e) {
                resolveAmbiguous(remaining, e);
                return;
            }
            int failed = error.getIndex();
            remaining.subList(0, failed).forEach(PendingCommit::stored);
            PendingCommit member = remaining.get(failed);
            positions.sawCommitEndingAt(member.firstPosition());
            MongoWriteException cause =
                    new MongoWriteException(error, failure.getServerAddress(), failure.getErrorLabels());
            if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                member.failed(cause);
                remaining = remaining.subList(failed + 1, remaining.size());
                candidate = member.firstPosition();
                continue;
            }
            long nextFree = positions.nextAfterClash(member.firstPosition(), member.count());
            if (nextFree < 0) {
                member.conflicted(cause); // its position is free: a stream position or event id is taken
                remaining = remaining.subList(failed + 1, remaining.size());
                candidate = member.firstPosition();
                continue;
            }
            positionClashes.incrementAndGet();
            if (++attempts >= MAX_POSITION_ATTEMPTS) {
                EventStoreException exhausted = new EventStoreException(
                        "No free global position after " + MAX_POSITION_ATTEMPTS + " attempts; nothing was stored");
                remaining.subList(failed, remaining.size()).forEach(m -> m.failed(exhausted));
                return;
            }
            remaining = remaining.subList(failed, remaining.size());
            candidate = nextFree; // another writer took the position: on at the head found
        }
    }

    /**
     * The server stored the commits before the first write error (or all of them) but could not
     * confirm them at the write concern: their outcome is unknown, so none is reported stored.
     */
    private void unconfirmed(List<PendingCommit> members, MongoBulkWriteException e) {
        int stored = e.getWriteErrors().isEmpty()
                ? members.size()
                : e.getWriteErrors().get(0).getIndex();
        if (stored > 0) {
            positions.sawCommitEndingAt(members.get(stored - 1).end());
        }
        for (int i = 0; i < members.size(); i++) {
            members.get(i)
                    .failed(new EventStoreException(
                            i < stored
                                    ? "The commit was written but not confirmed at the write concern; it may or may"
                                            + " not survive a failover"
                                    : "The commit was not written",
                            e));
        }
    }

    /**
     * After an error that does not say what was written (a lost connection, a timeout): a member
     * found at its position by a majority read is stored durably; the others fail, as their fate is
     * unknown (a write still under way may yet store them; positions stay dense either way, since
     * the batch is ordered and a later writer's clash sends it to the head).
     */
    private void resolveAmbiguous(List<PendingCommit> members, MongoException e) {
        Map<Long, String> firstIdAt = new HashMap<>();
        try {
            List<Long> tried =
                    members.stream().map(PendingCommit::firstPosition).toList();
            for (Document found : confirmedReader
                    .find(new Document(ID, new Document("$in", tried)))
                    .projection(Projections.include(ID, EVENT_IDS))) {
                List<String> ids = found.getList(EVENT_IDS, String.class);
                firstIdAt.put(CommitDocuments.firstPosition(found), ids.isEmpty() ? null : ids.get(0));
            }
        } catch (MongoException unreadable) {
            e.addSuppressed(unreadable);
        }
        for (PendingCommit member : members) {
            if (member.firstEventId().equals(firstIdAt.get(member.firstPosition()))) {
                member.stored();
                positions.sawCommitEndingAt(member.end());
            } else {
                member.failed(e);
            }
        }
    }
}
