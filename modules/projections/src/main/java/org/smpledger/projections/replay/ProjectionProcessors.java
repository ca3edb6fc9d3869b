package org.smpledger.projections.replay;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.projections.Projection;
import org.smpledger.projections.ProjectionEventHandler;
import org.smpledger.projections.store.Generation;
import org.smpledger.projections.store.LiveGenerations;

/**
 * Runs one tracking (streaming) processor per projection, each with its own token, and rebuilds a
 * projection on request without an empty window: the rebuild is a new processor (named after the
 * next generation, starting at the first event) writing into the next generation's collections,
 * while queries keep reading the live one. When the rebuild reaches the head of the stream, one
 * single-document update of {@code projection_generations} makes it live; the old processor is
 * then stopped and its collections dropped.
 */
public final class ProjectionProcessors implements LiveGenerations, AutoCloseable {

    static final String POINTERS = "projection_generations";
    private static final Logger log = LoggerFactory.getLogger(ProjectionProcessors.class);
    private static final Duration DROP_GRACE = Duration.ofSeconds(2);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final MongoDatabase database;
    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final TokenStore tokenStore;
    private final ProcessorSettings settings;
    private final Clock clock;
    private final Map<String, Generation> live = new ConcurrentHashMap<>();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();
    private final ScheduledExecutorService monitor;

    private record Running(StreamingEventProcessor processor) {}

    public ProjectionProcessors(
            Collection<? extends Projection> projections,
            MongoDatabase database,
            StreamableMessageSource<TrackedEventMessage<?>> source,
            TokenStore tokenStore,
            ProcessorSettings settings,
            Clock clock) {
        projections.forEach(p -> this.projections.put(p.name(), p));
        this.database = database;
        this.source = source;
        this.tokenStore = tokenStore;
        this.settings = settings;
        this.clock = clock;
        this.monitor = Executors.newSingleThreadScheduledExecutor(daemon("projection-replay"));
    }

    /** Starts every projection's live processor, discarding a rebuild a previous run left unfinished. */
    public synchronized void start() {
        MongoCollection<Document> pointers = database.getCollection(POINTERS);
        for (Projection projection : projections.values()) {
            Document pointer = pointers.find(eq("_id", projection.name())).first();
            if (pointer == null) {
                pointer = new Document("_id", projection.name())
                        .append("live", 1)
                        .append("building", null)
                        .append("highest", 1);
                pointers.replaceOne(new Document("_id", projection.name()), pointer, new ReplaceOptions().upsert(true));
            }
            Integer unfinished = pointer.getInteger("building");
            if (unfinished != null) {
                log.warn(
                        "Projection {}: discarding the unfinished rebuild of generation {}",
                        projection.name(),
                        unfinished);
                discard(new Generation(projection.name(), unfinished));
                pointers.updateOne(
                        new Document("_id", projection.name()), new Document("$set", new Document("building", null)));
            }
            Generation generation = new Generation(projection.name(), pointer.getInteger("live"));
            live.put(projection.name(), generation);
            startProcessor(projection, generation);
            log.info(
                    "Projection {}: processor {} started, queries read generation {}",
                    projection.name(),
                    generation.processorName(),
                    generation.number());
        }
    }

    public List<String> names() {
        return List.copyOf(projections.keySet());
    }

    @Override
    public Generation live(String projection) {
        Generation generation = live.get(projection);
        if (generation == null) {
            throw new IllegalArgumentException("no projection named " + projection + " is running");
        }
        return generation;
    }

    @Override
    public MongoDatabase database() {
        return database;
    }

    public boolean knows(String projection) {
        return projections.containsKey(projection);
    }

    /**
     * Starts rebuilding a projection from the first event, or returns the progress of the rebuild
     * already under way.
     */
    public synchronized ReplayProgress replay(String name) {
        Projection projection = Optional.ofNullable(projections.get(name))
                .orElseThrow(() -> new IllegalArgumentException("no projection named " + name));
        Replay current = replays.get(name);
        if (current != null && current.state == ReplayProgress.State.RUNNING) {
            return current.progress();
        }
        MongoCollection<Document> pointers = database.getCollection(POINTERS);
        Document pointer = pointers.find(eq("_id", name)).first();
        Generation from = live(name);
        int highest =
                pointer == null ? from.number() : Math.max(from.number(), pointer.getInteger("highest", from.number()));
        Generation to = new Generation(name, highest + 1);
        discard(to);
        pointers.updateOne(
                new Document("_id", name),
                new Document("$set", new Document("building", to.number()).append("highest", to.number())));
        Replay replay = new Replay(from, to, position(source.createTailToken()), clock.instant());
        replays.put(name, replay);
        startProcessor(projection, to);
        replay.check = monitor.scheduleWithFixedDelay(
                () -> check(replay), 0, settings.replayCheckInterval().toMillis(), TimeUnit.MILLISECONDS);
        log.info(
                "Projection {}: replay started into generation {} (processor {}), generation {} keeps answering",
                name,
                to.number(),
                to.processorName(),
                from.number());
        return replay.progress();
    }

    public Optional<ReplayProgress> lastReplay(String name) {
        return Optional.ofNullable(replays.get(name)).map(Replay::progress);
    }

    public ProjectionStatus status(String name) {
        Generation generation = live(name);
        Running processor = running.get(generation.processorName());
        long head = position(source.createHeadToken());
        OptionalLong position = processor == null ? OptionalLong.empty() : position(processor.processor());
        return new ProjectionStatus(
                name,
                generation.number(),
                generation.processorName(),
                processor != null && processor.processor().isRunning(),
                position.isPresent() ? position.getAsLong() : null,
                head < 0 ? null : head,
                Math.max(0, head - position.orElse(-1)),
                lastReplay(name).orElse(null));
    }

    /** Events in the store that the live processor of this projection has not handled yet. */
    public long lag(String name) {
        return status(name).lag();
    }

    /**
     * Stops every processor, waiting at most {@link #CLOSE_WAIT} for them: a processor blocked on a
     * MongoDB that is already gone (a JVM shutting down) must not hold the shutdown up. A batch cut
     * short is delivered again on the next start.
     */
    @Override
    public synchronized void close() {
        monitor.shutdownNow();
        List<CompletableFuture<Void>> stopping = running.values().stream()
                .map(r -> r.processor().shutdownAsync())
                .toList();
        running.clear();
        try {
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new))
                    .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Projection processors did not stop within {}; leaving them to the JVM", CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("A projection processor failed while stopping", e.getCause());
        }
    }

    /**
     * A tracking processor with one thread and one segment: events reach the read model in global
     * stream order, so a rebuild is identical to the live model. (A pooled streaming processor
     * measured about ten times slower here: its coordinator counts its work queue on every event.)
     */
    private void startProcessor(Projection projection, Generation generation) {
        String name = generation.processorName();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(new ProjectionEventHandler(projection, database, generation))
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .errorHandler(PropagatingErrorHandler.instance())
                .messageSource(source)
                .tokenStore(tokenStore)
                .transactionManager(NoTransactionManager.instance())
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialSegmentsCount(1)
                        .andBatchSize(settings.batchSize())
                        .andTokenClaimInterval(1, TimeUnit.SECONDS)
                        .andThreadFactory(processorName -> daemon("projection-" + processorName))
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .build();
        running.put(name, new Running(processor));
        processor.start();
    }

    private void stopProcessor(String processorName) {
        Running stopped = running.remove(processorName);
        if (stopped != null) {
            stopped.processor().shutDown();
        }
    }

    private void check(Replay replay) {
        try {
            Running building = running.get(replay.to.processorName());
            if (building == null) {
                return;
            }
            long head = position(source.createHeadToken());
            long position = position(building.processor()).orElse(replay.base);
            replay.advance(position, head, clock.instant());
            if (position >= head) {
                swap(replay);
            } else if (Duration.between(replay.lastLogged, clock.instant()).compareTo(settings.progressLogInterval())
                    >= 0) {
                replay.lastLogged = clock.instant();
                log.info("Projection {}: replay {}", replay.to.projection(), describe(replay.progress()));
            }
        } catch (RuntimeException e) {
            log.error("Projection {}: replay check failed", replay.to.projection(), e);
            replay.fail(e, clock.instant());
            replay.check.cancel(false);
        }
    }

    private synchronized void swap(Replay replay) {
        String name = replay.to.projection();
        database.getCollection(POINTERS)
                .updateOne(
                        new Document("_id", name),
                        new Document("$set", new Document("live", replay.to.number()).append("building", null)));
        live.put(name, replay.to);
        replay.complete(clock.instant());
        replay.check.cancel(false);
        log.info(
                "Projection {}: replay complete, generation {} is live: {}",
                name,
                replay.to.number(),
                describe(replay.progress()));
        stopProcessor(replay.from.processorName());
        monitor.schedule(() -> discard(replay.from), DROP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops a generation's collections and forgets its processor's token. */
    private void discard(Generation generation) {
        stopProcessor(generation.processorName());
        List<String> existing = database.listCollectionNames().into(new java.util.ArrayList<>());
        projections.get(generation.projection()).collections().stream()
                .map(generation::collection)
                .filter(existing::contains)
                .forEach(c -> database.getCollection(c).drop());
        try {
            tokenStore.deleteToken(generation.processorName(), 0);
        } catch (RuntimeException e) {
            // no token was stored for it, or the store cannot delete: the name is never used again
            log.debug("Token of {} not deleted: {}", generation.processorName(), e.toString());
        }
    }

    private static String describe(ReplayProgress p) {
        return "%d/%d events (%.1f%%), %.0f events/s, ETA %s"
                .formatted(
                        p.eventsDone(),
                        p.eventsTotal(),
                        p.percentDone(),
                        p.eventsPerSecond(),
                        p.eta() == null ? "unknown" : p.eta().toSeconds() + " s");
    }

    private static OptionalLong position(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return status.values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
    }

    /** A token's global position; -1 before the first event (no token, or an empty store). */
    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + (count.getAndIncrement() == 0 ? "" : "-" + count.get()));
            thread.setDaemon(true);
            return thread;
        };
    }

    private static final class Replay {
        final Generation from;
        final Generation to;
        final long base;
        final Instant startedAt;
        volatile ReplayProgress.State state = ReplayProgress.State.RUNNING;
        volatile long done;
        volatile long total;
        volatile Instant finishedAt;
        volatile String failure;
        volatile Instant lastLogged;
        volatile ScheduledFuture<?> check;
        private volatile Instant now;

        Replay(Generation from, Generation to, long base, Instant startedAt) {
            this.from = from;
            this.to = to;
            this.base = base;
            this.startedAt = startedAt;
            this.lastLogged = startedAt;
            this.now = startedAt;
        }

        void advance(long position, long head, Instant at) {
            done = Math.max(0, position - base);
            total = Math.max(0, head - base);
            now = at;
        }

        void complete(Instant at) {
            done = total;
            finishedAt = at;
            now = at;
            state = ReplayProgress.State.COMPLETED;
        }

        void fail(Exception e, Instant at) {
            failure = e.toString();
            finishedAt = at;
            state = ReplayProgress.State.FAILED;
        }

        ReplayProgress progress() {
            double seconds = Duration.between(startedAt, finishedAt != null ? finishedAt : now)
                            .toNanos()
                    / 1e9;
            double rate = seconds > 0 ? done / seconds : 0;
            Duration eta = state == ReplayProgress.State.COMPLETED
                    ? Duration.ZERO
                    : rate > 0 ? Duration.ofMillis((long) ((total - done) / rate * 1000)) : null;
            return new ReplayProgress(
                    to.projection(),
                    from.number(),
                    to.number(),
                    state,
                    done,
                    total,
                    rate,
                    eta,
                    startedAt,
                    finishedAt,
                    failure);
        }
    }
}
