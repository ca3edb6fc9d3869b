package org.smpledger.projections.replay;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.processing.EventProcessors;
import org.smpledger.processing.ProcessorDefinition;
import org.smpledger.projections.Projection;
import org.smpledger.projections.ProjectionEventHandler;
import org.smpledger.projections.store.Generation;

/**
 * The projections' processors over their lifetime, coordinated through the store so that any number
 * of instances can run them. Every instance reads each projection's {@link GenerationPointer} every
 * {@link ProcessorSettings#replayCheckInterval()} and acts on it:
 * <ul>
 *   <li>it registers the processor of the live generation and, while a rebuild is under way, the
 *       rebuild's processor (named after the generation, starting at the first event), and stops the
 *       processors of any other generation; token claims decide which instance does the work of each
 *       segment, the others stand by and take over a segment whose claim expires;</li>
 *   <li>queries read the live generation the pointers name ({@link CurrentGenerations});</li>
 *   <li>when the rebuild's stored position (its durable batches, lowest over its segments) reaches
 *       the live generation's (or the head of the stream), one conditional update makes it live, whichever instance sees it
 *       first; the replaced generation is dropped {@link ProcessorSettings#retireAfter()} later, by
 *       whichever instance sees that time pass, once no query can still be reading it.</li>
 * </ul>
 * A replay is thus the store's, not an instance's: any instance starts it ({@link #replay}) and
 * shows its progress ({@link #lastReplay}), an instance that starts meanwhile joins it, and if the
 * instance doing the rebuild dies another takes over its segments and goes on from their tokens.
 */
public final class ProjectionProcessors implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionProcessors.class);

    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final MongoDatabase database;
    private final EventProcessors processors;
    private final ProcessorSettings settings;
    private final Clock clock;
    private final GenerationPointers pointers;
    private final CurrentGenerations generations;
    private final StoredReplays replays;
    private final ProcessorPositions positions;
    private final RetiredGenerations retired;
    private final ScheduledExecutorService refresh;
    /** The generations whose processors this instance has registered, per projection. */
    private final Map<String, Set<Generation>> registered = new ConcurrentHashMap<>();

    private final Map<String, Instant> lastProgressLog = new ConcurrentHashMap<>();

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
        this.generations = new CurrentGenerations(
                database, pointers, this.projections.keySet(), settings.maxPointerAge(), System::nanoTime);
        this.replays = new StoredReplays(database);
        this.positions = new StoredPositions(processors);
        this.retired = new RetiredGenerations(database, processors::deleteTokens);
        this.refresh = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-generations");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Registers every projection's processors as the pointers say (they run once the event
     * processors run) and starts reading the pointers every interval. A rebuild under way is left to
     * go on. A live generation written in an older format is replaced by a new generation, which
     * answers queries while it catches up; the old one is dropped after {@code retireAfter}.
     */
    public synchronized void start() {
        for (Projection projection : projections.values()) {
            GenerationPointer pointer = pointers.pointer(projection.name());
            if (!pointer.readable()) {
                Generation unreadable = new Generation(projection.name(), pointer.live());
                Generation generation = pointers.reserveNext(projection.name());
                pointers.makeLive(generation);
                pointers.retire(unreadable, clock.instant().plus(settings.retireAfter()));
                log.warn(
                        "Projection {}: generation {} was written in an older format; rebuilding it as generation {},"
                                + " which answers queries while it catches up",
                        projection.name(),
                        unreadable.number(),
                        generation.number());
            }
            GenerationPointer now = reconcile(projection);
            log.info(
                    "Projection {}: queries read generation {}{}",
                    projection.name(),
                    now.live(),
                    now.building() == null ? "" : ", generation " + now.building() + " is being rebuilt");
        }
        long interval = settings.replayCheckInterval().toMillis();
        refresh.scheduleWithFixedDelay(this::refreshAll, interval, interval, TimeUnit.MILLISECONDS);
    }

    public List<String> names() {
        return List.copyOf(projections.keySet());
    }

    public boolean knows(String projection) {
        return projections.containsKey(projection);
    }

    /** What the queries read: each projection's live generation, as the store says. */
    public CurrentGenerations generations() {
        return generations;
    }

    public Generation live(String projection) {
        return generations.live(projection);
    }

    /**
     * Starts rebuilding a projection from the first event, or returns the progress of the rebuild
     * already under way (started here or on another instance).
     */
    public synchronized ReplayProgress replay(String name) {
        Projection projection = Optional.ofNullable(projections.get(name))
                .orElseThrow(() -> new IllegalArgumentException("no projection named " + name));
        GenerationPointer pointer = pointers.pointer(name);
        Optional<Generation> reserved = pointer.building() == null ? pointers.startBuilding(name) : Optional.empty();
        if (reserved.isEmpty()) {
            return lastReplay(name)
                    .orElseThrow(() -> new IllegalStateException(
                            "a rebuild of " + name + " is under way but its record is missing"));
        }
        Generation from = new Generation(name, pointer.live());
        Generation to = reserved.get();
        long base = processors
                .source()
                .map(source -> StoredPositions.position(source.createTailToken()))
                .orElse(-1L);
        replays.started(from, to, base, clock.instant());
        reconcile(projection);
        log.info(
                "Projection {}: replay started into generation {} (processor {}), generation {} keeps answering",
                name,
                to.number(),
                to.processorName(),
                from.number());
        return lastReplay(name).orElseThrow();
    }

    /** The latest replay of the projection as the store holds it, with its progress now. */
    public Optional<ReplayProgress> lastReplay(String name) {
        return replays.latest(name).map(this::progress);
    }

    public ProjectionStatus status(String name) {
        return ProjectionStatus.of(
                generations.live(name), positions, lastReplay(name).orElse(null));
    }

    /** Events in the store that the live processor of this projection has not made durable yet (store's view). */
    public long lag(String name) {
        return status(name).lag();
    }

    /** The segments of each registered generation's processor that this instance holds. */
    public Map<String, List<Integer>> heldSegments() {
        Map<String, List<Integer>> held = new LinkedHashMap<>();
        registered.values().stream()
                .flatMap(Set::stream)
                .map(Generation::processorName)
                .sorted()
                .forEach(name -> held.put(name, processors.heldSegments(name)));
        return held;
    }

    /** Stops reading the pointers; the processors themselves stop with the application's {@link EventProcessors}. */
    @Override
    public void close() {
        refresh.shutdownNow();
    }

    private void refreshAll() {
        for (Projection projection : projections.values()) {
            try {
                reconcile(projection);
            } catch (RuntimeException e) {
                log.warn("Projection {}: could not read its generations: {}", projection.name(), e.toString());
            }
        }
    }

    /** Brings this instance in line with the projection's pointer; returns the pointer it read. */
    private synchronized GenerationPointer reconcile(Projection projection) {
        String name = projection.name();
        long readAt = System.nanoTime();
        GenerationPointer pointer = pointers.pointer(name);
        Generation live = new Generation(name, pointer.live());
        generations.seen(live, readAt);
        Set<Generation> wanted = new HashSet<>();
        wanted.add(live);
        if (pointer.building() != null) {
            wanted.add(new Generation(name, pointer.building()));
        }
        Set<Generation> here = registered.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
        for (Generation generation : Set.copyOf(here)) {
            if (!wanted.contains(generation)) {
                processors.stop(generation.processorName());
                here.remove(generation);
                log.info(
                        "Projection {}: processor {} stopped (generation no longer live)",
                        name,
                        generation.processorName());
            }
        }
        for (Generation generation : wanted) {
            if (here.add(generation)) {
                register(projection, generation);
            }
        }
        if (pointer.building() != null) {
            checkRebuild(projection, live, new Generation(name, pointer.building()));
        }
        if (pointer.retiring() != null
                && pointer.retireAfter() != null
                && !clock.instant().isBefore(pointer.retireAfter())) {
            Generation old = new Generation(name, pointer.retiring());
            processors.stop(old.processorName());
            here.remove(old);
            retired.retire(projection, old);
            if (pointers.retired(old)) {
                log.info("Projection {}: generation {} dropped", name, old.number());
            }
        }
        return pointer;
    }

    /**
     * Switches to the rebuild once its durable position reaches the live generation's (or the head,
     * if that is nearer): from then on queries see nothing older than they saw before, and under a
     * steady flow of events, where both processors trail the head by a batch, the switch still
     * happens. Logs the rebuild's progress meanwhile.
     */
    private void checkRebuild(Projection projection, Generation live, Generation building) {
        String name = projection.name();
        long head = positions.head();
        Optional<StoredReplays.Record> record = replays.latest(name).filter(r -> r.to().equals(building));
        long base = record.map(StoredReplays.Record::base).orElse(-1L);
        OptionalLong position = positions.position(building.processorName());
        OptionalLong livePosition = positions.position(live.processorName());
        long target = livePosition.isPresent() ? Math.min(head, livePosition.getAsLong()) : head;
        if (position.orElse(base) >= target) {
            Instant now = clock.instant();
            if (pointers.switchLive(live, building, now.plus(settings.retireAfter()))) {
                // this instance's queries read the new generation before the store calls the replay complete
                generations.seen(building, System.nanoTime());
                replays.ended(building, ReplayProgress.State.COMPLETED, Math.max(0, head - base), now, null);
                log.info(
                        "Projection {}: replay complete, generation {} is live; generation {} is dropped in {}",
                        name,
                        building.number(),
                        live.number(),
                        settings.retireAfter());
            }
            return;
        }
        if (!processors.heldSegments(building.processorName()).isEmpty() && record.isPresent()) {
            Instant last = lastProgressLog.getOrDefault(name, record.get().startedAt());
            if (Duration.between(last, clock.instant()).compareTo(settings.progressLogInterval()) >= 0) {
                lastProgressLog.put(name, clock.instant());
                log.info("Projection {}: replay {}", name, describe(record.get()));
            }
        }
    }

    private String describe(StoredReplays.Record record) {
        return replay(record).describe();
    }

    private ReplayProgress progress(StoredReplays.Record record) {
        return replay(record).progress();
    }

    private Replay replay(StoredReplays.Record record) {
        Replay replay = new Replay(record.from(), record.to(), record.base(), record.startedAt());
        switch (record.state()) {
            case RUNNING ->
                replay.advance(
                        positions.position(record.to().processorName()).orElse(record.base()),
                        positions.head(),
                        clock.instant());
            case COMPLETED -> {
                long end = record.base() + record.eventsTotal();
                replay.advance(end, end, record.finishedAt());
                replay.complete(record.finishedAt());
            }
            case FAILED -> replay.fail(String.valueOf(record.failure()), record.finishedAt());
        }
        return replay;
    }

    /**
     * A processor with one segment per {@link ProcessorSettings#segments()} (one for a projection that
     * must see every event in one order), each with a handler of its own.
     */
    private void register(Projection projection, Generation generation) {
        processors.register(ProcessorDefinition.perSegment(
                        generation.processorName(),
                        segment -> new ProjectionEventHandler(projection, database, generation))
                .withSegments(projection.splitsByStream() ? settings.segments() : 1)
                .withBatchSize(settings.batchSize())
                .monitoredAs(projection.name(), () -> generation.equals(generations.lastSeen(projection.name()))));
    }
}
