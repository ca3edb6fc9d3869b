package org.smpledger.verifier.store;

import com.mongodb.client.MongoCursor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bson.BsonBinaryReader;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.ByteBuf;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.smpledger.verifier.leaf.CommitBytes;
import org.smpledger.verifier.leaf.CommitDocument;
import org.smpledger.verifier.leaf.EventLeaf;
import org.smpledger.verifier.leaf.MalformedCommitException;
import org.smpledger.verifier.leaf.StoredEvent;
import org.smpledger.verifier.merkle.Hash;

/**
 * Walks the stored commits in global position order over {@code [from, end)}, one window of
 * positions per query. Every position comes out exactly once: in a commit, or inside a run of
 * missing positions or a malformed commit. Every commit start in the range is looked at once, so
 * a commit that starts inside an earlier one is reported too. A scan always starts at a commit
 * boundary (1, or the end of a commit read before). While every position of a window is there
 * (the scan is behind the head), the next window is fetched in the background.
 */
public final class EventScan implements AutoCloseable {

    /** What the scan found at the next position(s). */
    public sealed interface Step permits Commit, Missing, Malformed, Overlapping {}

    /** A well-formed commit's leaf hashes below the scan's end, the first at position {@code first}. */
    public record Commit(long first, List<Hash> leaves) implements Step {

        public Commit {
            leaves = List.copyOf(leaves);
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

    private static final int IN_ORDER_CHUNKS = 4;
    private static final ThreadLocal<CommitBytes> BYTES = ThreadLocal.withInitial(CommitBytes::new);
    private static final BsonDocumentCodec DOCUMENTS = new BsonDocumentCodec();

    private final CommitReader reader;
    private final long end;
    private final int window;
    private final ArrayDeque<Step> ready = new ArrayDeque<>();
    private long nextWindow;
    private long expected;
    private CompletableFuture<List<ReadCommit>> ahead;
    /** Whole-log mode: batches of commits in position order from the reading thread; an empty one ends it. */
    private final BlockingQueue<Chunk> inOrder;

    private volatile boolean closed;
    private long firstGiven;

    /** Reads {@code [from, end)} in windows of positions ({@code _id $in}): for a reader at or near the head. */
    public EventScan(CommitReader reader, long from, long end, int window) {
        this(reader, from, end, window, false);
    }

    private EventScan(CommitReader reader, long from, long end, int window, boolean wholeLog) {
        if (from < 1 || window < 1) {
            throw new IllegalArgumentException("a scan starts at position 1 or later, in windows of at least 1");
        }
        this.reader = reader;
        this.end = end;
        this.window = window;
        this.nextWindow = from;
        this.expected = from;
        this.inOrder = wholeLog ? new ArrayBlockingQueue<>(IN_ORDER_CHUNKS) : null;
        if (wholeLog) {
            READ_AHEAD.execute(this::readInOrder);
        }
    }

    /**
     * The given commits (read by someone else, e.g. a processor of the event store, in any order) as
     * steps from {@code from} on, with no read of the store: commits starting below {@code from} are
     * left out, the rest judged as a scan judges what it reads (a commit starting inside an earlier one
     * is {@link Overlapping}, one not in the store's shape {@link Malformed}, positions between them
     * {@link Missing}). The steps begin at the first of them ({@link #firstCommit}), and end where the
     * last of them ends.
     */
    public static EventScan ofCommits(long from, List<RawBsonDocument> commits) {
        List<ReadCommit> parsed = new ArrayList<>(parsed(commits));
        parsed.removeIf(commit -> commit.first() < from);
        long end = from;
        for (ReadCommit commit : parsed) {
            end = Math.max(
                    end,
                    commit.first() + (commit.fault() == null ? commit.leaves().size() : commit.claimed()));
        }
        EventScan scan = new EventScan(null, from, end, 1, false);
        scan.firstGiven = parsed.isEmpty() ? end : parsed.get(0).first();
        scan.expected = scan.firstGiven; // positions before the first given commit are the caller's to read
        scan.take(parsed);
        scan.nextWindow = end;
        return scan;
    }

    /** For a scan {@link #ofCommits}: the position of the first given commit at or after its start (its end if none). */
    public long firstCommit() {
        return firstGiven;
    }

    /**
     * Reads {@code [1, end)} with one query for the whole log in position order ({@code _id}
     * ascending, batches of {@code batch}): on another thread, which hashes each batch while the
     * caller takes the one before. For a verification of the whole log: on MongoDB an index walk,
     * on the embedded server one sort, instead of a query per window (which that server answers by
     * comparing every document found with every listed position). Close it when done.
     */
    public static EventScan wholeLog(CommitReader reader, long end, int batch) {
        return new EventScan(reader, 1, end, batch, true);
    }

    /** The next step, or null once every position below the end has been accounted for. */
    public Step next() {
        while (ready.isEmpty()) {
            if (nextWindow >= end) {
                return null;
            }
            if (inOrder != null) {
                takeInOrder();
            } else {
                readWindow();
            }
        }
        return ready.poll();
    }

    /** Stops the whole-log reading thread, if any. */
    @Override
    public void close() {
        closed = true;
        if (inOrder != null) {
            inOrder.clear();
        }
    }

    private record Chunk(List<ReadCommit> commits, RuntimeException failure) {}

    private void readInOrder() {
        try (MongoCursor<RawBsonDocument> cursor = reader.rawInOrder(window)) {
            List<RawBsonDocument> batch = new ArrayList<>(window);
            boolean more = true;
            while (more && !closed) {
                batch.clear();
                while (batch.size() < window && cursor.hasNext()) {
                    batch.add(cursor.next());
                }
                List<ReadCommit> commits = parsed(batch);
                more = batch.size() == window
                        && (commits.isEmpty() || commits.get(commits.size() - 1).first() < end);
                offer(new Chunk(commits, null));
            }
            offer(new Chunk(List.of(), null));
        } catch (RuntimeException e) {
            offer(new Chunk(List.of(), e));
        }
    }

    private void offer(Chunk chunk) {
        try {
            while (!closed && !inOrder.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                // the caller is still hashing the batches before it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void takeInOrder() {
        Chunk chunk;
        try {
            chunk = inOrder.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the log", e);
        }
        if (chunk.failure() != null) {
            throw chunk.failure();
        }
        if (chunk.commits().isEmpty()) {
            if (expected < end) {
                ready.add(new Missing(expected, end - 1));
            }
            expected = end;
            nextWindow = end;
            return;
        }
        take(chunk.commits());
        long last = chunk.commits().get(chunk.commits().size() - 1).first();
        if (last >= end) {
            // the rest lies beyond the scan
            if (expected < end) {
                ready.add(new Missing(expected, end - 1));
                expected = end;
            }
            nextWindow = end;
        }
    }

    private void readWindow() {
        int size = (int) Math.min(window, end - nextWindow);
        long windowEnd = nextWindow + size;
        List<ReadCommit> commits = ahead != null ? await(ahead) : read(reader, nextWindow, size);
        ahead = null;
        take(commits);
        if (expected < windowEnd) {
            ready.add(new Missing(expected, windowEnd - 1));
            expected = windowEnd;
        } else if (windowEnd < end) {
            // every position was there: the reader is behind the head, so read and hash the next window
            // on another thread while this one is taken
            long from = windowEnd;
            int nextSize = (int) Math.min(window, end - from);
            CommitReader commitReader = reader;
            ahead = CompletableFuture.supplyAsync(() -> read(commitReader, from, nextSize), READ_AHEAD);
        }
        nextWindow = windowEnd;
    }

    /** Turns commits (in position order) into steps, from the next expected position on. */
    private void take(List<ReadCommit> commits) {
        for (ReadCommit commit : commits) {
            if (commit.first() >= end) {
                return;
            }
            long first = commit.first();
            if (first < expected) {
                ready.add(new Overlapping(first));
                continue;
            }
            if (first > expected) {
                ready.add(new Missing(expected, first - 1));
                expected = first;
            }
            if (commit.fault() == null) {
                List<Hash> leaves = commit.leaves();
                long below = end - first;
                ready.add(new Commit(first, below < leaves.size() ? leaves.subList(0, (int) below) : leaves));
                expected = first + leaves.size();
            } else {
                long covered = first + commit.claimed();
                MalformedCommitException fault = commit.fault();
                ready.add(new Malformed(Math.max(fault.position(), first), first, covered, fault.getMessage()));
                expected = covered;
            }
        }
    }

    /** A commit read and hashed: its leaves, or (malformed) the fault and how many positions it takes. */
    private record ReadCommit(long first, List<Hash> leaves, MalformedCommitException fault, int claimed) {}

    /**
     * The commits starting in a window, in position order, each hashed from its stored bytes
     * ({@link CommitBytes}); one that declines is decoded and read by {@link CommitDocument}, which
     * accepts it or names its fault. A document whose _id is not a position is left out (it cannot
     * have matched a window of positions).
     */
    private static List<ReadCommit> read(CommitReader reader, long from, int size) {
        return parsed(reader.rawStartingIn(from, size));
    }

    private static List<ReadCommit> parsed(List<RawBsonDocument> raw) {
        List<ReadCommit> commits = new ArrayList<>(raw.size());
        CommitBytes bytes = BYTES.get();
        for (RawBsonDocument document : raw) {
            ByteBuf buffer = document.getByteBuffer();
            CommitBytes.Leaves fast =
                    bytes.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            if (fast != null) {
                commits.add(new ReadCommit(fast.first(), Arrays.asList(fast.hashes()), null, 0));
            } else {
                ReadCommit decoded = decoded(document);
                if (decoded != null) {
                    commits.add(decoded);
                }
            }
        }
        commits.sort(Comparator.comparingLong(ReadCommit::first));
        return commits;
    }

    private static ReadCommit decoded(RawBsonDocument raw) {
        // decoded as the driver decodes into a BsonDocument (a repeated field: the last one counts)
        BsonDocument commit = DOCUMENTS.decode(
                new BsonBinaryReader(raw.getByteBuffer().asNIO()),
                DecoderContext.builder().build());
        long first;
        try {
            first = CommitDocument.firstPosition(commit);
        } catch (MalformedCommitException e) {
            return null;
        }
        try {
            List<Hash> leaves = new ArrayList<>();
            for (StoredEvent event : CommitDocument.events(commit)) {
                leaves.add(EventLeaf.hash(event));
            }
            return new ReadCommit(first, leaves, null, 0);
        } catch (MalformedCommitException e) {
            return new ReadCommit(first, null, e, positionsClaimed(commit));
        }
    }

    private static <T> T await(CompletableFuture<T> fetch) {
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
