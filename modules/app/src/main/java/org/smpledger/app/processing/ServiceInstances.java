package org.smpledger.app.processing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.processing.EventProcessors;
import org.smpledger.processing.StoredTokens;

/**
 * This instance among the others on the same store. Every heartbeat interval it records that it is
 * alive in {@code service_instances} ({@code {_id: instance id, seenAt, startedAt}}), counts the
 * instances seen within the claim timeout, gives up segments beyond its share
 * ({@link EventProcessors#balance}) and reads every processor's stored tokens and the head of the
 * stream. What it read is the instance's view of coordination ({@link #view}); when the last
 * successful read is older than three intervals (the store out of reach), the instance is not
 * ready. Stopping removes the instance's record, so the others count one fewer at once.
 */
public final class ServiceInstances implements AutoCloseable {

    public static final String COLLECTION = "service_instances";
    private static final Logger log = LoggerFactory.getLogger(ServiceInstances.class);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final String id;
    private final MongoCollection<Document> instances;
    private final EventProcessors processors;
    private final StoredTokens tokens;
    private final ProcessingProperties properties;
    private final Clock clock;
    private final Instant startedAt;
    private final ScheduledExecutorService heartbeat;
    private volatile View view;
    private volatile ScheduledFuture<?> beating;

    /** What this instance last read of the coordination state, and when. */
    public record View(Instant readAt, int liveInstances, long headPosition, Map<String, ProcessorView> processors) {}

    /**
     * One processor: its segments, those this instance holds, every segment's stored token (owner
     * and position), the stored position (lowest over segments; -1 before the first event) and the
     * lag behind the head.
     */
    public record ProcessorView(
            int segments, List<Integer> heldHere, List<StoredTokens.SegmentToken> stored, long position, long lag) {}

    public ServiceInstances(
            String id,
            MongoDatabase database,
            EventProcessors processors,
            StoredTokens tokens,
            ProcessingProperties properties,
            Clock clock) {
        this.id = id;
        this.instances = database.getCollection(COLLECTION);
        this.processors = processors;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "service-instances");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        long interval = properties.heartbeatInterval().toMillis();
        beating = heartbeat.scheduleWithFixedDelay(this::beat, 0, interval, TimeUnit.MILLISECONDS);
    }

    public String id() {
        return id;
    }

    /** The last view read; null before the first heartbeat got through. */
    public View view() {
        return view;
    }

    /** Whether the last successful round of reads is recent (at most three heartbeat intervals old). */
    public boolean inTouch() {
        View last = view;
        return last != null
                && Duration.between(last.readAt(), clock.instant())
                                .compareTo(properties.heartbeatInterval().multipliedBy(3))
                        <= 0;
    }

    void beat() {
        try {
            Instant now = clock.instant();
            instances.replaceOne(
                    new Document("_id", id),
                    new Document("_id", id).append("seenAt", Date.from(now)).append("startedAt", Date.from(startedAt)),
                    UPSERT);
            Instant aliveSince = now.minus(properties.claimTimeout());
            int live = 0;
            for (Document instance : instances.find()) {
                Date seen = instance.getDate("seenAt");
                if (seen != null && !seen.toInstant().isBefore(aliveSince)) {
                    live++;
                }
            }
            processors.balance(live, properties.releaseFor());
            long head = processors
                    .source()
                    .map(source -> position(source.createHeadToken()))
                    .orElse(-1L);
            Map<String, ProcessorView> byProcessor = new LinkedHashMap<>();
            for (String name : processors.names()) {
                List<StoredTokens.SegmentToken> stored = new ArrayList<>(tokens.segments(name));
                long position = stored.stream()
                        .mapToLong(StoredTokens.SegmentToken::position)
                        .min()
                        .orElse(-1);
                byProcessor.put(
                        name,
                        new ProcessorView(
                                processors.segmentCount(name),
                                processors.heldSegments(name),
                                stored,
                                position,
                                Math.max(0, head - position)));
            }
            view = new View(clock.instant(), live, head, byProcessor);
        } catch (RuntimeException e) {
            log.warn("Coordination round failed (the store out of reach?): {}", e.toString());
        }
    }

    /**
     * Removes this instance's record, waiting at most {@link #CLOSE_WAIT} for the store: a shutdown
     * while the store is out of reach must not wait for the driver's server selection (30 s). A
     * record left behind expires like that of a killed instance.
     */
    @Override
    public void close() {
        if (heartbeat.isShutdown()) {
            return;
        }
        // no heartbeat after the removal: it would write the record back. A beat under way finishes
        // first (one thread), and a cancelled one never starts again.
        ScheduledFuture<?> running = beating;
        if (running != null) {
            running.cancel(false);
        }
        Future<?> removal = heartbeat.submit(() -> instances.deleteOne(new Document("_id", id)));
        heartbeat.shutdown();
        try {
            removal.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.debug("Instance record {} not removed: {}", id, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heartbeat.shutdownNow();
        }
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
