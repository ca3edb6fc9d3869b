package org.smpledger.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.StreamableMessageSource;
import org.bson.RawBsonDocument;

/**
 * The global stream as the commits themselves: one message per commit, its payload the commit
 * document as the server sent it ({@link RawBsonDocument}), its token a
 * {@link GlobalSequenceTrackingToken} of the commit's last position. For a processor that reads the
 * stored bytes (the verifiable log's tree) rather than the events Axon makes of them.
 * <p>
 * Read by the engine's own tracking reader ({@link CommitWindows}: the same windows, the commit holding
 * the first position when a token lies inside a commit, never past a missing position), and sharing its
 * recent reads: a commit the engine's event stream read moments ago is not asked of the store again, and
 * the other way round. Tail, head and time tokens are the engine's, so a token of either stream resumes
 * the other: a token inside a commit starts with that whole commit (its earlier positions included).
 * <p>
 * A commit not in the engine's shape is handed on as it is (taking its events' positions, else its
 * {@code n}, else one), for the processor to judge. At the head the stream asks the store again as soon
 * as this engine stores or sees a commit past it, and otherwise every {@code pollInterval} (commits of
 * other instances).
 */
public final class RawCommitSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** How often a stream waiting at the head looks whether this engine knows of new commits. */
    private static final long NOTICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final MongoCommitStorageEngine engine;
    private final CommitWindows reads;
    private final long pollNanos;

    RawCommitSource(MongoCommitStorageEngine engine, CommitWindows reads, Duration pollInterval) {
        this.engine = engine;
        this.reads = reads;
        this.pollNanos = Objects.requireNonNull(pollInterval, "pollInterval").toNanos();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new CommitStream(MongoCommitStorageEngine.lastPosition(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return engine.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return engine.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return engine.createTokenAt(dateTime);
    }

    /** The commit's message: identified by the collection and position, stamped with its last event's time. */
    static TrackedEventMessage<RawBsonDocument> message(TrackedCommit commit) {
        Instant time = commit.lastEventTime();
        return new GenericTrackedEventMessage<>(
                new GlobalSequenceTrackingToken(commit.last()),
                new GenericEventMessage<>(
                        "commit-" + commit.first(),
                        commit.raw(),
                        MetaData.emptyInstance(),
                        time != null ? time : Instant.now()));
    }

    private final class CommitStream implements BlockingStream<TrackedEventMessage<?>> {

        private final CommitWindows.Windows<TrackedCommit> windows;
        private long last;
        private long askedAt = System.nanoTime() - pollNanos;
        private TrackedEventMessage<?> peeked;
        private boolean closed;

        private CommitStream(long after) {
            this.last = after;
            this.windows = reads.stream(after, (last, size) -> reads.fetch(last + 1, size), TrackedCommit::last);
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (peeked == null && !closed && worthAsking()) {
                advance();
            }
            return Optional.ofNullable(peeked);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (!closed) {
                if (peeked != null || (worthAsking() && advance())) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(Math.min(left, NOTICE_NANOS));
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for commits");
                }
            }
            return false;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new IllegalStateException("the stream of commits is closed");
                }
            }
            TrackedEventMessage<?> next = peeked;
            peeked = null;
            return next;
        }

        @Override
        public void close() {
            closed = true;
            windows.close();
        }

        /** A read may find something: one is under way, this engine knows of commits past the stream, or it is time to poll. */
        private boolean worthAsking() {
            return windows.holdsMore()
                    || reads.positions().knownEnd() > last + 1
                    || System.nanoTime() - askedAt >= pollNanos;
        }

        private boolean advance() {
            boolean held = windows.holdsMore();
            boolean found = windows.tryAdvance(commit -> {
                peeked = message(commit);
                last = commit.last();
            });
            if (!held) {
                askedAt = System.nanoTime();
            }
            return found;
        }
    }
}
