package org.smpledger.verifier.store;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.smpledger.verifier.leaf.CommitDocument;
import org.smpledger.verifier.leaf.MalformedCommitException;
import org.smpledger.verifier.leaf.StoredEvent;

/**
 * Walks the stored commits in global position order over {@code [from, end)}, one window of
 * positions per query. Every position comes out exactly once: in a commit, or inside a run of
 * missing positions or a malformed commit. Every commit start in the range is looked at once, so
 * a commit that starts inside an earlier one is reported too. A scan always starts at a commit
 * boundary (1, or the end of a commit read before). While every position of a window is there
 * (the scan is behind the head), the next window is fetched in the background.
 */
public final class EventScan {

    /** What the scan found at the next position(s). */
    public sealed interface Step permits Commit, Missing, Malformed, Overlapping {}

    /** A well-formed commit's events below the scan's end, in position order. */
    public record Commit(List<StoredEvent> events) implements Step {

        public Commit {
            events = List.copyOf(events);
        }
    }

    /** No commit holds positions {@code from..to} (inclusive): not visible yet, or deleted. */
    public record Missing(long from, long to) implements Step {}

    /**
     * A commit at {@code [first, end)} whose document is not in the store's shape; {@code position}
     * is where the fault was found. Its positions yield no events.
     */
    public record Malformed(long position, long first, long end, String reason) implements Step {}

    /** A commit starting at {@code position}, a position an earlier commit already holds; skipped. */
    public record Overlapping(long position) implements Step {}

    /** Shared by every scan in the JVM; its daemon threads end after a minute without work. */
    private static final Executor READ_AHEAD = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smp-verifier-read-ahead");
        thread.setDaemon(true);
        return thread;
    });

    private final CommitReader reader;
    private final long end;
    private final int window;
    private final ArrayDeque<Step> ready = new ArrayDeque<>();
    private long nextWindow;
    private long expected;
    private CompletableFuture<List<BsonDocument>> ahead;

    public EventScan(CommitReader reader, long from, long end, int window) {
        if (from < 1 || window < 1) {
            throw new IllegalArgumentException("a scan starts at position 1 or later, in windows of at least 1");
        }
        this.reader = reader;
        this.end = end;
        this.window = window;
        this.nextWindow = from;
        this.expected = from;
    }

    /** The next step, or null once every position below the end has been accounted for. */
    public Step next() {
        while (ready.isEmpty()) {
            if (nextWindow >= end) {
                return null;
            }
            readWindow();
        }
        return ready.poll();
    }

    private void readWindow() {
        int size = (int) Math.min(window, end - nextWindow);
        long windowEnd = nextWindow + size;
        List<BsonDocument> commits = ahead != null ? await(ahead) : reader.startingIn(nextWindow, size);
        ahead = null;
        for (BsonDocument commit : commits) {
            long first;
            try {
                first = CommitDocument.firstPosition(commit);
            } catch (MalformedCommitException e) {
                continue; // an _id that is not a position cannot have matched a window of positions
            }
            if (first < expected) {
                ready.add(new Overlapping(first));
                continue;
            }
            if (first > expected) {
                ready.add(new Missing(expected, first - 1));
                expected = first;
            }
            try {
                List<StoredEvent> events = CommitDocument.events(commit);
                ready.add(new Commit(
                        events.stream().filter(event -> event.position() < end).toList()));
                expected = first + events.size();
            } catch (MalformedCommitException e) {
                long covered = first + positionsClaimed(commit);
                ready.add(new Malformed(Math.max(e.position(), first), first, covered, e.getMessage()));
                expected = covered;
            }
        }
        if (expected < windowEnd) {
            ready.add(new Missing(expected, windowEnd - 1));
            expected = windowEnd;
        } else if (windowEnd < end) {
            // every position was there: the reader is behind the head, so fetch the next window
            // while this one is hashed
            long from = windowEnd;
            int nextSize = (int) Math.min(window, end - from);
            ahead = CompletableFuture.supplyAsync(() -> reader.startingIn(from, nextSize), READ_AHEAD);
        }
        nextWindow = windowEnd;
    }

    private static List<BsonDocument> await(CompletableFuture<List<BsonDocument>> fetch) {
        try {
            return fetch.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** How many positions a malformed commit takes: its events, else its n, else one. */
    private static int positionsClaimed(BsonDocument commit) {
        BsonValue events = commit.get("events");
        if (events != null && events.isArray() && !events.asArray().isEmpty()) {
            return events.asArray().size();
        }
        BsonValue n = commit.get("n");
        if (n != null
                && n.isNumber()
                && n.asNumber().longValue() > 0
                && n.asNumber().longValue() < 1_000_000) {
            return n.asNumber().intValue();
        }
        return 1;
    }
}
