package org.smpledger.cli.log;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Reads the commit documents in global-position order, window by window, the way the service's
 * processors do: {@code {_id: {$in: [p .. p+w-1]}}} (exact keys, which the embedded server serves
 * from its index), handing out only the commits contiguous from {@code p}. The next window is
 * fetched on a thread of its own while the current one is handed out. Memory holds two windows.
 */
public final class EventLog {

    public static final int DEFAULT_WINDOW = 1000;

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
            for (RawBsonDocument commit : commits.find(in("pos", probes))
                    .projection(new BsonDocument("n", new org.bson.BsonInt32(1)))) {
                long first = commit.getInt64("_id").getValue();
                furthest = Math.max(furthest, first + commit.getInt32("n").getValue() - 1);
            }
            if (furthest <= end) {
                return end;
            }
            end = furthest;
        }
    }

    /** Hands every event after {@code after} to {@code sink}, in position order, up to the end of the log as read. */
    public void forEach(long after, Consumer<StoredEvent> sink) {
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "smp-log-read-ahead");
            thread.setDaemon(true);
            return thread;
        });
        try {
            long next = after + 1;
            Window current = fetch(next);
            while (!current.commits.isEmpty()) {
                long following = current.end + 1;
                CompletableFuture<Window> ahead = current.full
                        ? CompletableFuture.supplyAsync(() -> fetch(following), reader)
                        : null;
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
