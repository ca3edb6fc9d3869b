package org.smpledger.eventstore;

import static org.smpledger.eventstore.CommitDocuments.ID;
import static org.smpledger.eventstore.CommitDocuments.POSITIONS;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * How the engine's tracking readers read the global stream: windows of positions by {@code _id $in},
 * the commit holding the first position when a token may lie inside a commit, only the run of commits
 * contiguous from there, a small window at the head and growing windows read ahead while behind (see
 * docs/architecture.md, "Event store", processor batch). One reader for the engine's events and for its
 * raw commits ({@link RawCommitSource}); with {@link #shareRecentCommits} the two take each other's
 * recent reads instead of asking the store again.
 */
final class CommitWindows {

    /** Positions past the known end that a reader polls for (see {@link #firstWindow}). */
    static final int HEAD_WINDOW = 64;
    /**
     * Positions of recent reads kept for the other readers (at least): a processor pacing its batches
     * (the tree's appends 100 ms apart) trails the shared reader by a few hundred positions under load.
     */
    static final int KEPT_POSITIONS = 4096;

    private final MongoCollection<RawBsonDocument> reader;
    private final GlobalPositions positions;
    private final int maxWindow;
    /** Fetches the next window of a stream that is behind; null when read-ahead is off. */
    private final Executor readAhead;

    private volatile RecentCommits recent;

    CommitWindows(
            MongoCollection<RawBsonDocument> reader, GlobalPositions positions, int maxWindow, Executor readAhead) {
        this.reader = reader;
        this.positions = positions;
        this.maxWindow = maxWindow;
        this.readAhead = readAhead;
    }

    /** From now on, keeps what every reader reads for the others (a second kind of reader of the same stream exists). */
    synchronized void shareRecentCommits() {
        if (recent == null) {
            recent = new RecentCommits(Math.max(KEPT_POSITIONS, 4 * maxWindow));
        }
    }

    GlobalPositions positions() {
        return positions;
    }

    /**
     * The first window of a read from {@code from}: up to the last commit end this engine knows, plus
     * {@value #HEAD_WINDOW} positions. A reader at the head polls a small window (the embedded server
     * sorts every {@code $in} list it is sent, so a 1000-position poll for a few new events costs it
     * real CPU); windows that come back full grow fourfold up to the tracking batch size.
     */
    int firstWindow(long from) {
        long behind = Math.max(0, positions.knownEnd() - from);
        return (int) Math.min(maxWindow, behind + HEAD_WINDOW);
    }

    /**
     * The commits holding positions from {@code from} on, in position order, as far as they are
     * contiguous: those starting in {@code [from, from + size)}, and first, when a token may have
     * stopped inside a commit, the commit holding {@code from}. A missing position ends the run: the
     * commit before it is not visible yet, and is never skipped.
     */
    List<TrackedCommit> fetch(long from, int size) {
        RecentCommits shared = recent;
        if (shared != null) {
            List<TrackedCommit> kept = shared.run(from, size);
            if (!kept.isEmpty()) {
                return kept;
            }
        }
        List<Long> window = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            window.add(from + i);
        }
        List<TrackedCommit> found = new ArrayList<>();
        for (RawBsonDocument raw :
                reader.find(new Document(ID, new Document("$in", window))).batchSize(size)) {
            TrackedCommit commit = TrackedCommit.of(raw);
            if (commit != null) {
                found.add(commit);
            }
        }
        // A known commit end (a reader polling at the head) cannot lie inside a commit.
        if (from != positions.knownEnd() && found.stream().noneMatch(commit -> commit.first() == from)) {
            RawBsonDocument raw = reader.find(new Document(POSITIONS, from)).first();
            TrackedCommit holding = raw == null ? null : TrackedCommit.of(raw);
            if (holding != null && holding.first() < from) {
                found.add(holding);
            }
        }
        found.sort(Comparator.comparingLong(TrackedCommit::first));
        List<TrackedCommit> run = new ArrayList<>(found.size());
        long expected = from;
        for (TrackedCommit commit : found) {
            if (commit.first() > expected) {
                break; // the commit before it is not visible yet: stop here, never skip it
            }
            if (commit.end() <= expected) {
                continue; // overlaps what the run holds already (a store that is not in the engine's shape)
            }
            run.add(commit);
            expected = commit.end();
        }
        if (!run.isEmpty()) {
            positions.sawCommitEndingAt(expected);
            if (shared != null) {
                shared.keep(run);
            }
        }
        return run;
    }

    /**
     * The stream after position {@code after} as items made from windows of commits ({@code read}: the
     * items of a window after a position; {@code lastPosition}: the last position an item covers). While
     * the reader is behind (a window came back full), the next window is fetched in the background as
     * soon as the current one is handed out. Like Axon's own streams, one that has run dry fetches again
     * when asked again. Close it to drop a window read ahead.
     */
    <T> Windows<T> stream(long after, WindowRead<T> read, ToLongFunction<? super T> lastPosition) {
        return new Windows<>(after, read, lastPosition);
    }

    /** Reads the items of a window of {@code size} positions after {@code after}. */
    @FunctionalInterface
    interface WindowRead<T> {
        List<T> read(long after, int size);
    }

    final class Windows<T> extends Spliterators.AbstractSpliterator<T> {

        private final WindowRead<T> read;
        private final ToLongFunction<? super T> lastPosition;
        private long last;
        private Iterator<T> window = Collections.emptyIterator();
        private CompletableFuture<List<T>> next;
        /** Positions of the next window when the last one came back full (the reader is behind), else 0. */
        private int nextSize;

        private Windows(long after, WindowRead<T> read, ToLongFunction<? super T> lastPosition) {
            super(Long.MAX_VALUE, NONNULL | ORDERED | DISTINCT | CONCURRENT);
            this.last = after;
            this.read = read;
            this.lastPosition = lastPosition;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            if (!window.hasNext()) {
                int asked = nextSize > 0 ? nextSize : firstWindow(last + 1);
                List<T> batch = next != null ? await(next) : read.read(last, asked);
                next = null;
                if (batch.isEmpty()) {
                    nextSize = 0;
                    return false;
                }
                window = batch.iterator();
                long end = lastPosition.applyAsLong(batch.get(batch.size() - 1));
                nextSize = end - last >= asked ? Math.min(maxWindow, asked * 4) : 0;
                if (readAhead != null && nextSize > 0) {
                    int size = nextSize;
                    next = CompletableFuture.supplyAsync(() -> read.read(end, size), readAhead);
                }
            }
            T item = window.next();
            last = lastPosition.applyAsLong(item);
            action.accept(item);
            return true;
        }

        /** Whether a window is on its way or items of the last one are still to be handed out. */
        boolean holdsMore() {
            return window.hasNext() || next != null;
        }

        void close() {
            if (next != null) {
                next.cancel(false);
                next = null;
            }
        }

        private List<T> await(CompletableFuture<List<T>> fetch) {
            try {
                return fetch.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }
}
