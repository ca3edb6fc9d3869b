package org.smpledger.eventstore;

import com.mongodb.MongoException;
import java.util.List;
import java.util.concurrent.locks.Condition;
import org.axonframework.eventhandling.EventMessage;
import org.bson.RawBsonDocument;

/**
 * One {@code appendEvents} call on its way to the store: its commit without a position (encoded
 * once), then the outcome the writer decided for it. The outcome is written by whichever thread
 * wrote the group and read by the appending thread under {@link GroupCommit}'s lock.
 */
final class PendingCommit {

    enum Outcome {
        /** Stored, and acknowledged at the configured write concern. */
        STORED,
        /** Not stored: one of its stream positions or event identifiers is already stored. */
        CONFLICT,
        /** Not stored, or not known to be: the write failed otherwise. */
        FAILED
    }

    final List<? extends EventMessage<?>> events;
    final List<String> streamKeys;
    final List<String> eventIds;
    private final byte[] body;
    private final int size;

    private Condition appender;
    private Outcome outcome;
    private RuntimeException cause;
    private long firstPosition;

    PendingCommit(List<? extends EventMessage<?>> events, List<String> streamKeys, List<String> eventIds, byte[] body) {
        this.events = events;
        this.streamKeys = streamKeys;
        this.eventIds = eventIds;
        this.body = body;
        this.size = CommitDocuments.commitSize(events.size(), body);
    }

    /** The condition (of the writer's lock) the appending thread waits on. */
    void wakeUpOn(Condition condition) {
        this.appender = condition;
    }

    /** Signals the appending thread; the caller holds the writer's lock. */
    void wakeUp() {
        appender.signal();
    }

    int count() {
        return events.size();
    }

    /** Bytes of the commit document. */
    int size() {
        return size;
    }

    String firstEventId() {
        return eventIds.get(0);
    }

    /** The commit document at {@code position}, which this commit now tries. */
    RawBsonDocument at(long position) {
        this.firstPosition = position;
        return CommitDocuments.commit(position, count(), body);
    }

    long firstPosition() {
        return firstPosition;
    }

    long end() {
        return firstPosition + count();
    }

    boolean decided() {
        return outcome != null;
    }

    Outcome outcome() {
        return outcome;
    }

    /** For {@link Outcome#CONFLICT}: the duplicate-key error; for {@link Outcome#FAILED}: what failed. */
    RuntimeException cause() {
        return cause;
    }

    void stored() {
        decide(Outcome.STORED, null);
    }

    void conflicted(MongoException duplicateKey) {
        decide(Outcome.CONFLICT, duplicateKey);
    }

    void failed(RuntimeException cause) {
        decide(Outcome.FAILED, cause);
    }

    private void decide(Outcome outcome, RuntimeException cause) {
        if (this.outcome == null) {
            this.outcome = outcome;
            this.cause = cause;
        }
    }
}
