package org.smpledger.projections.replay;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.processing.EventProcessors;
import org.smpledger.processing.ProcessorDefinition;
import org.smpledger.projections.Projection;
import org.smpledger.projections.ProjectionEventHandler;
import org.smpledger.projections.store.Generation;

/**
 * The projections' processors over their lifetime: at start, one processor per projection (its
 * own token) builds the live generation; a rebuild on request runs a second processor (named after
 * the next generation, starting at the first event) into the next generation's collections while
 * queries keep reading the live one. When the rebuild reaches the head of the stream, one
 * single-document update of the pointers makes it live; the old processor is then stopped and its
 * collections dropped. The parts: {@link GenerationPointers} (what is live and being rebuilt, in
 * the store), {@link CurrentGenerations} (what this instance's queries read), {@link Replays}
 * (progress of rebuilds), {@link ProcessorPositions} (positions and head, for status and lag);
 * processors run through the application's {@link EventProcessors}.
 */
public final class ProjectionProcessors implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionProcessors.class);
    private static final Duration DROP_GRACE = Duration.ofSeconds(2);

    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final MongoDatabase database;
    private final EventProcessors processors;
    private final ProcessorSettings settings;
    private final Clock clock;
    private final GenerationPointers pointers;
    private final CurrentGenerations generations;
    private final Replays replays = new Replays();
    private final ProcessorPositions positions;
    private final RetiredGenerations retired;
    private final ScheduledExecutorService monitor;
    private final Map<String, ScheduledFuture<?>> checks = new ConcurrentHashMap<>();

    public ProjectionProcessors(
            Collection<? extends Projection> projections,
            MongoDatabase database,
            EventProcessors processors,
            ProcessorSettings settings,
            Clock clock) {
        projections.forEach(p -> this.projections.put(p.name(), p));
        this.database = database;
        this.processors = processors;
        this.settings = settings;
        this.clock = clock;
        this.pointers = new MongoGenerationPointers(database);
        this.generations = new CurrentGenerations(database);
        this.positions = new RunningProcessorPositions(processors);
        this.retired = new RetiredGenerations(database, processors::deleteToken);
        this.monitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-replay");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Registers every projection's live processor (they run once the event processors run),
     * discarding a rebuild a previous run left unfinished.
     */
    public synchronized void start() {
        for (Projection projection : projections.values()) {
            GenerationPointer pointer = pointers.pointer(projection.name());
            if (pointer.building() != null) {
                log.warn(
                        "Projection {}: discarding the unfinished rebuild of generation {}",
                        projection.name(),
                        pointer.building());
                discard(new Generation(projection.name(), pointer.building()));
                pointers.abandonBuilding(projection.name());
            }
            Generation generation = new Generation(projection.name(), pointer.live());
            if (!pointer.readable()) {
                Generation unreadable = generation;
                generation = pointers.reserveNext(projection.name());
                pointers.makeLive(generation);
                discard(unreadable);
                log.warn(
                        "Projection {}: generation {} was written in an older format; rebuilding it as generation {},"
                                + " which answers queries while it catches up",
                        projection.name(),
                        unreadable.number(),
                        generation.number());
            }
            generations.use(generation);
            register(projection, generation);
            log.info(
                    "Projection {}: processor {} registered, queries read generation {}",
                    projection.name(),
                    generation.processorName(),
                    generation.number());
        }
    }

    public List<String> names() {
        return List.copyOf(projections.keySet());
    }

    public boolean knows(String projection) {
        return projections.containsKey(projection);
    }

    /** What the queries read: each projection's live generation. */
    public CurrentGenerations generations() {
        return generations;
    }

    public Generation live(String projection) {
        return generations.live(projection);
    }

    /**
     * Starts rebuilding a projection from the first event, or returns the progress of the rebuild
     * already under way.
     */
    public synchronized ReplayProgress replay(String name) {
        Projection projection = Optional.ofNullable(projections.get(name))
                .orElseThrow(() -> new IllegalArgumentException("no projection named " + name));
        Optional<Replay> current = replays.running(name);
        if (current.isPresent()) {
            return current.get().progress();
        }
        Generation from = generations.live(name);
        Generation to = pointers.reserveNext(name);
        discard(to);
        long base = processors
                .source()
                .map(source -> RunningProcessorPositions.position(source.createTailToken()))
                .orElse(-1L);
        Replay replay = new Replay(from, to, base, clock.instant());
        replays.started(replay);
        register(projection, to);
        Progress logging = new Progress(clock.instant());
        checks.put(
                name,
                monitor.scheduleWithFixedDelay(
                        () -> check(replay, logging),
                        0,
                        settings.replayCheckInterval().toMillis(),
                        TimeUnit.MILLISECONDS));
        log.info(
                "Projection {}: replay started into generation {} (processor {}), generation {} keeps answering",
                name,
                to.number(),
                to.processorName(),
                from.number());
        return replay.progress();
    }

    public Optional<ReplayProgress> lastReplay(String name) {
        return replays.latest(name).map(Replay::progress);
    }

    public ProjectionStatus status(String name) {
        return ProjectionStatus.of(
                generations.live(name), positions, lastReplay(name).orElse(null));
    }

    /** Events in the store that the live processor of this projection has not handled yet. */
    public long lag(String name) {
        return status(name).lag();
    }

    /** Stops the replay checks; the processors themselves stop with the application's {@link EventProcessors}. */
    @Override
    public void close() {
        monitor.shutdownNow();
    }

    /** A processor with one thread and one segment: events reach the read model in global stream order. */
    private void register(Projection projection, Generation generation) {
        processors.register(ProcessorDefinition.of(
                        generation.processorName(), new ProjectionEventHandler(projection, database, generation))
                .withBatchSize(settings.batchSize())
                .monitoredAs(projection.name(), () -> generation.equals(generations.live(projection.name()))));
    }

    private void check(Replay replay, Progress logging) {
        String name = replay.to().projection();
        try {
            if (processors.processor(replay.to().processorName()).isEmpty()) {
                return;
            }
            long head = positions.head();
            long position = positions.position(replay.to().processorName()).orElse(replay.base());
            replay.advance(position, head, clock.instant());
            if (position >= head) {
                swap(replay);
            } else if (Duration.between(logging.lastLogged, clock.instant()).compareTo(settings.progressLogInterval())
                    >= 0) {
                logging.lastLogged = clock.instant();
                log.info("Projection {}: replay {}", name, replay.describe());
            }
        } catch (RuntimeException e) {
            log.error("Projection {}: replay check failed", name, e);
            replay.fail(e, clock.instant());
            cancelCheck(name);
        }
    }

    private synchronized void swap(Replay replay) {
        String name = replay.to().projection();
        pointers.makeLive(replay.to());
        generations.use(replay.to());
        replay.complete(clock.instant());
        cancelCheck(name);
        log.info(
                "Projection {}: replay complete, generation {} is live: {}",
                name,
                replay.to().number(),
                replay.describe());
        processors.stop(replay.from().processorName());
        monitor.schedule(() -> discard(replay.from()), DROP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelCheck(String name) {
        ScheduledFuture<?> check = checks.remove(name);
        if (check != null) {
            check.cancel(false);
        }
    }

    /** Stops a generation's processor, drops its collections and forgets its token. */
    private void discard(Generation generation) {
        processors.stop(generation.processorName());
        retired.retire(projections.get(generation.projection()), generation);
    }

    /** When a running replay last logged its progress. */
    private static final class Progress {
        volatile Instant lastLogged;

        Progress(Instant startedAt) {
            this.lastLogged = startedAt;
        }
    }
}
