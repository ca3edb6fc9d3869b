package org.smpledger.cli.log;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Reads the events in global-position order: one natural-order pass over the commit documents
 * (see {@link #forEach}), then, like the service's processors, windows of positions
 * {@code {_id: {$in: [p .. p+w-1]}}} (exact keys, which the embedded server serves from its index),
 * handing out only the commits contiguous from {@code p}. Memory holds a few pages of commits.
 */
public final class EventLog {

    public static final int DEFAULT_WINDOW = 1000;
    private static final int PAGE = 500;
    private static final int PAGES_AHEAD = 4;
    /** Commits held while waiting for a predecessor before the pass gives way to windowed reads. */
    private static final int MAX_OUT_OF_ORDER = 2000;
    /** The reader's last page: nothing follows. */
    private static final List<RawBsonDocument> END = List.of();

    private final MongoCollection<RawBsonDocument> commits;
    private final int window;

    public EventLog(MongoCollection<RawBsonDocument> commits) {
        this(commits, DEFAULT_WINDOW);
    }

    public EventLog(MongoCollection<RawBsonDocument> commits, int window) {
        this.commits = commits;
        this.window = window;
    }

    /**
     * The last stored position (0 when the log is empty): exponential probes for occupied positions,
     * as the event store's catch-up does, each round halving the distance to the head.
     */
    public long head() {
        long end = 0;
        while (true) {
            List<Long> probes = new ArrayList<>();
            probes.add(end + 1);
            for (long step = 1; step <= 1L << 40; step <<= 1) {
                probes.add(end + 1 + step);
            }
            long furthest = -1;
            for (RawBsonDocument commit :
                    commits.find(in("pos", probes)).projection(new BsonDocument("n", new org.bson.BsonInt32(1)))) {
                long first = commit.getInt64("_id").getValue();
                furthest = Math.max(furthest, first + commit.getInt32("n").getValue() - 1);
            }
            if (furthest <= end) {
                return end;
            }
            end = furthest;
        }
    }

    /**
     * Hands every event after {@code after} to {@code sink}, in position order, up to the end of the
     * log as read. From the start of the log, the commits are read in one pass in the server's natural
     * order (the cheapest read there is; for an insert-only collection it is, in practice, position
     * order) on a thread of its own, a few pages ahead of the sink. A commit that arrives before its
     * predecessor waits in a bounded buffer; should the buffer fill, or a position be missing at the
     * end of the pass, reading goes on window by window from the first position not yet handed out.
     */
    public void forEach(long after, Consumer<StoredEvent> sink) {
        long next = after + 1;
        if (after == 0) {
            next = scan(sink);
        }
        windows(next, sink);
    }

    /** The natural-order pass; returns the first position it did not hand out. */
    private long scan(Consumer<StoredEvent> sink) {
        BlockingQueue<List<RawBsonDocument>> pages = new ArrayBlockingQueue<>(PAGES_AHEAD);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread reader = new Thread(
                () -> {
                    List<RawBsonDocument> page = new ArrayList<>(PAGE);
                    try (MongoCursor<RawBsonDocument> cursor =
                            commits.find().batchSize(window).iterator()) {
                        while (cursor.hasNext() && !stop.get()) {
                            page.add(cursor.next());
                            if (page.size() == PAGE) {
                                put(pages, page, stop);
                                page = new ArrayList<>(PAGE);
                            }
                        }
                        if (!page.isEmpty()) {
                            put(pages, page, stop);
                        }
                    } catch (RuntimeException e) {
                        failure.set(e);
                    } finally {
                        put(pages, END, stop);
                    }
                },
                "smp-log-scan");
        reader.setDaemon(true);
        reader.start();
        TreeMap<Long, RawBsonDocument> early = new TreeMap<>();
        long next = 1;
        try {
            while (true) {
                List<RawBsonDocument> page = take(pages);
                if (page == END) {
                    if (failure.get() != null) {
                        throw failure.get();
                    }
                    break;
                }
                for (RawBsonDocument commit : page) {
                    long first = commit.getInt64("_id").getValue();
                    if (first == next) {
                        next = emit(commit, sink);
                        RawBsonDocument waiting;
                        while ((waiting = early.remove(next)) != null) {
                            next = emit(waiting, sink);
                        }
                    } else if (first > next) {
                        early.put(first, commit);
                        if (early.size() > MAX_OUT_OF_ORDER) {
                            return next;
                        }
                    }
                }
            }
            return next;
        } finally {
            stop.set(true);
            pages.clear();
            reader.interrupt();
        }
    }

    private static void put(
            BlockingQueue<List<RawBsonDocument>> pages, List<RawBsonDocument> page, AtomicBoolean stop) {
        try {
            while (!stop.get() && !pages.offer(page, 100, TimeUnit.MILLISECONDS)) {
                // the sink is behind: wait for it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<RawBsonDocument> take(BlockingQueue<List<RawBsonDocument>> pages) {
        try {
            return pages.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the log", e);
        }
    }

    private static long emit(RawBsonDocument commit, Consumer<StoredEvent> sink) {
        events(commit, sink);
        return commit.getInt64("_id").getValue() + commit.getInt32("n").getValue();
    }

    /** Window by window from {@code next}, the next window fetched while the current one is handed out. */
    private void windows(long next, Consumer<StoredEvent> sink) {
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "smp-log-read-ahead");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Window current = fetch(next);
            while (!current.commits.isEmpty()) {
                long following = current.end + 1;
                CompletableFuture<Window> ahead =
                        current.full ? CompletableFuture.supplyAsync(() -> fetch(following), reader) : null;
                for (RawBsonDocument commit : current.commits) {
                    events(commit, sink);
                }
                if (ahead == null) {
                    current = fetch(following);
                } else {
                    try {
                        current = ahead.join();
                    } catch (CompletionException e) {
                        throw e.getCause() instanceof RuntimeException failure ? failure : e;
                    }
                }
            }
        } finally {
            reader.shutdownNow();
        }
    }

    /** The commits contiguous from {@code from} in the window starting there. */
    private Window fetch(long from) {
        List<Long> ids = new ArrayList<>(window);
        for (long id = from; id < from + window; id++) {
            ids.add(id);
        }
        Map<Long, RawBsonDocument> found = new HashMap<>();
        for (RawBsonDocument commit : commits.find(in("_id", ids)).batchSize(window)) {
            found.put(commit.getInt64("_id").getValue(), commit);
        }
        List<RawBsonDocument> run = new ArrayList<>();
        long position = from;
        RawBsonDocument commit;
        while ((commit = found.get(position)) != null) {
            run.add(commit);
            position += commit.getInt32("n").getValue();
        }
        boolean full = position >= from + window;
        return new Window(run, position - 1, full);
    }

    private record Window(List<RawBsonDocument> commits, long end, boolean full) {}

    private static void events(RawBsonDocument commit, Consumer<StoredEvent> sink) {
        long first = commit.getInt64("_id").getValue();
        BsonArray events = commit.getArray("events");
        for (int i = 0; i < events.size(); i++) {
            BsonDocument event = events.get(i).asDocument();
            long millis = event.getDateTime("ts").getValue();
            BsonValue nanos = event.get("tsn");
            Instant timestamp = Instant.ofEpochMilli(millis)
                    .plusNanos(nanos == null ? 0 : nanos.asInt32().getValue());
            BsonValue seq = event.get("seq");
            sink.accept(new StoredEvent(
                    first + i,
                    event.getString("id").getValue(),
                    text(event, "type"),
                    text(event, "agg"),
                    seq == null ? -1 : seq.asNumber().longValue(),
                    timestamp,
                    text(event, "pt"),
                    text(event, "pr"),
                    event.getBinary("p").getData(),
                    event.containsKey("m") ? event.getBinary("m").getData() : null));
        }
    }

    private static String text(BsonDocument document, String key) {
        BsonValue value = document.get(key);
        return value == null || value.isNull() ? null : value.asString().getValue();
    }
}
