package org.smpledger.treatmentlog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.processing.EventBatchHandler;
import org.smpledger.processing.EventProcessors;
import org.smpledger.processing.ProcessorDefinition;
import org.smpledger.verifier.checkpoint.LogSigner;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.smpledger.verifier.store.CheckpointPolicy;
import org.smpledger.verifier.store.LogStore;
import org.smpledger.verifier.store.TreeBuilder;

/**
 * Keeps the Merkle tree up with the event store, off the command path: a tracking processor
 * registered with {@link EventProcessors} (one segment, so one thread in global order). Given the
 * event store's raw commits as its source (one message per commit, the commit document as the server
 * sent it, {@link RawBsonDocument}), its batches hand those commits to {@link TreeBuilder}, which
 * appends their leaves without reading them again; without one (library use, tests), it reads the
 * event store's events and its batches only say how far the store has grown, and the builder reads
 * those positions' raw commits itself. The processor's token moves once the tree holds the batch.
 * Checkpoints are signed when the policy says (every N events from the processor's thread, every T
 * seconds from a timer, so a quiet log still gets its timed checkpoint) and handed to
 * {@code onCheckpoint} (the Kafka publication).
 * <p>
 * Several instances: every instance registers the processor, but only the one holding its claim
 * builds the tree and signs timed checkpoints; after a takeover the new holder's builder resumes from
 * the stored tree (nodes are immutable and written idempotently, the size only grows).
 */
public final class TreeBuilding implements EventBatchHandler<TreeBuilding.Batch>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TreeBuilding.class);

    /**
     * The highest global position of a batch, how many messages it has (events, or commits when the
     * processor reads raw commits), and the raw commits it carries (empty when it reads events).
     */
    public record Batch(long highest, int messages, List<RawBsonDocument> commits) {}

    /**
     * How the tree is built: the processor's name (and token's), events per batch, the checkpoint
     * policy, and the least time between two appends: at the head, where the processor would wake for
     * every commit, a batch that is not full waits until that long after the previous append, so the
     * events stored meanwhile arrive as one next batch and share one read and one write of the tree
     * (0: append every batch at once). A full batch (the processor is behind) never waits.
     */
    public record Settings(String processorName, int batchSize, CheckpointPolicy policy, Duration appendInterval) {

        public static final String DEFAULT_PROCESSOR_NAME = "verifiable-log";
        public static final Duration DEFAULT_APPEND_INTERVAL = Duration.ofMillis(100);

        public Settings {
            Objects.requireNonNull(processorName, "processorName");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(appendInterval, "appendInterval");
            if (batchSize < 1) {
                throw new IllegalArgumentException("a batch of at least one event");
            }
            if (appendInterval.isNegative() || appendInterval.compareTo(policy.interval()) > 0) {
                throw new IllegalArgumentException("an append interval between 0 and the checkpoint interval");
            }
        }

        public Settings(String processorName, int batchSize, CheckpointPolicy policy) {
            this(processorName, batchSize, policy, DEFAULT_APPEND_INTERVAL);
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_PROCESSOR_NAME, 1000, CheckpointPolicy.DEFAULT);
        }
    }

    private final TreeBuilder builder;
    private final LogStore store;
    private final Settings settings;
    private final StreamableMessageSource<TrackedEventMessage<?>> rawCommits;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private volatile EventProcessors processors;
    private volatile String lastError;
    private volatile Instant failingSince;
    private long lastAppend = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    /** Reading the event store's events (the processors' default source); the builder reads the commits. */
    public TreeBuilding(
            LogStore store, LogSigner signer, Settings settings, Clock clock, Consumer<SignedCheckpoint> onCheckpoint) {
        this(store, signer, settings, clock, onCheckpoint, null);
    }

    /**
     * Reading {@code rawCommits}: the event store's commits as messages, one per commit, whose payload
     * is the commit as the server sent it ({@link RawBsonDocument}) and whose token is the position of
     * its last event; null: the events, as above.
     */
    public TreeBuilding(
            LogStore store,
            LogSigner signer,
            Settings settings,
            Clock clock,
            Consumer<SignedCheckpoint> onCheckpoint,
            StreamableMessageSource<TrackedEventMessage<?>> rawCommits) {
        this.store = store;
        this.settings = settings;
        this.rawCommits = rawCommits;
        this.clock = clock;
        this.builder = TreeBuilder.builder(store, signer)
                .checkpointPolicy(settings.policy())
                .clock(clock)
                .onCheckpoint(onCheckpoint)
                .build();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "verifiable-log-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Registers the tree's processor (from the first event) and starts the checkpoint timer. */
    public void registerWith(EventProcessors eventProcessors) {
        this.processors = eventProcessors;
        ProcessorDefinition definition = ProcessorDefinition.of(settings.processorName(), this)
                .withBatchSize(settings.batchSize())
                .startingAt(StreamableMessageSource::createTailToken);
        eventProcessors.register(rawCommits == null ? definition : definition.readingFrom(rawCommits));
        long tick = Math.max(100, Math.min(1000, settings.policy().interval().toMillis() / 4));
        timer.scheduleWithFixedDelay(this::checkpointIfDue, tick, tick, TimeUnit.MILLISECONDS);
    }

    @Override
    public Batch begin(List<? extends EventMessage<?>> events) {
        long highest = 0;
        List<RawBsonDocument> commits = new ArrayList<>();
        for (EventMessage<?> event : events) {
            highest = Math.max(highest, position(event));
            // only asked of raw commits: an event's payload is never deserialized here
            if (rawCommits != null && event.getPayload() instanceof RawBsonDocument commit) {
                commits.add(commit);
            }
        }
        return new Batch(highest, events.size(), commits);
    }

    @Override
    public void handle(EventMessage<?> event, Batch batch) {
        // the batch as a whole is what the builder takes
    }

    @Override
    public CompletionStage<?> finish(Batch batch) throws InterruptedException {
        long wait = lastAppend + settings.appendInterval().toNanos() - System.nanoTime();
        if (wait > 0 && batch.messages() < settings.batchSize()) {
            // at the head: at most one append per interval; what is stored meanwhile comes as one next batch
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        lastAppend = System.nanoTime();
        try {
            if (batch.commits().isEmpty()) {
                builder.appendThrough(batch.highest());
            } else {
                builder.append(batch.commits());
            }
            lastError = null;
            failingSince = null;
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
        return EventBatchHandler.done();
    }

    /** The events the tree holds. */
    public long size() {
        return builder.size();
    }

    /** Signs a checkpoint of the tree as it is now (or returns the latest if it has not grown). */
    public SignedCheckpoint checkpoint() {
        return builder.checkpoint();
    }

    /** Appends everything stored and visible; returns the tree's size. */
    public long catchUp() {
        return builder.catchUp();
    }

    /** How many stored events the tree does not hold yet; empty before the processors run. */
    public OptionalLong lag() {
        EventProcessors running = processors;
        Optional<StreamableMessageSource<TrackedEventMessage<?>>> source =
                running == null ? Optional.empty() : running.source(settings.processorName());
        if (source.isEmpty()) {
            return OptionalLong.empty();
        }
        TrackingToken head = source.get().createHeadToken();
        long headPosition = head == null ? 0 : head.position().orElse(0);
        return OptionalLong.of(Math.max(0, headPosition - store.tree().size()));
    }

    /**
     * How the tree stands: the head of the event store, the tree's size, the latest checkpoint,
     * whether the processor runs, and the failure it keeps retrying, if any.
     *
     * @param headPosition the store's head; empty before the processors run
     * @param treeSize events the tree holds
     * @param checkpointSize events the latest checkpoint covers (0 before the first)
     * @param lastCheckpointTime when the latest checkpoint was signed; null before the first
     * @param processorRunning whether the tree's processor is running and not in error
     */
    public record Status(
            OptionalLong headPosition,
            long treeSize,
            long checkpointSize,
            Instant lastCheckpointTime,
            boolean processorRunning,
            String lastError,
            Instant failingSince) {

        /** Stored events the tree does not hold yet. */
        public OptionalLong treeLag() {
            return headPosition.isPresent()
                    ? OptionalLong.of(Math.max(0, headPosition.getAsLong() - treeSize))
                    : OptionalLong.empty();
        }

        /** Stored events no checkpoint covers yet. */
        public OptionalLong checkpointLag() {
            return headPosition.isPresent()
                    ? OptionalLong.of(Math.max(0, headPosition.getAsLong() - checkpointSize))
                    : OptionalLong.empty();
        }
    }

    /** The tree's status, read from the store (a few exact-key reads); for health checks and monitoring. */
    public Status status() {
        EventProcessors running = processors;
        OptionalLong head = OptionalLong.empty();
        boolean processorRunning = false;
        if (running != null) {
            Optional<StreamableMessageSource<TrackedEventMessage<?>>> source = running.source(settings.processorName());
            if (source.isPresent()) {
                TrackingToken token = source.get().createHeadToken();
                head = OptionalLong.of(token == null ? 0 : token.position().orElse(0));
            }
            processorRunning = running.processor(settings.processorName())
                    .map(processor -> processor.isRunning() && !processor.isError())
                    .orElse(false);
        }
        Optional<SignedCheckpoint> latest = store.checkpoints().latest();
        return new Status(
                head,
                store.tree().size(),
                latest.map(c -> c.checkpoint().size()).orElse(0L),
                latest.map(c -> c.checkpoint().time()).orElse(null),
                processorRunning,
                lastError,
                failingSince);
    }

    /** The last failure to build or sign (e.g. a tampered commit the builder refuses), while it lasts. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Optional<Instant> failingSince() {
        return Optional.ofNullable(failingSince);
    }

    public Settings settings() {
        return settings;
    }

    private void checkpointIfDue() {
        EventProcessors running = processors;
        if (running == null || running.heldSegments(settings.processorName()).isEmpty()) {
            return; // the instance holding the tree's processor builds the tree and signs its timed checkpoints
        }
        try {
            builder.checkpointIfDue();
        } catch (RuntimeException e) {
            if (!Objects.equals(lastError, e.getMessage())) {
                log.warn("Timed checkpoint not signed: {}", e.getMessage());
            }
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        lastError = e.getMessage();
        if (failingSince == null) {
            failingSince = clock.instant();
        }
    }

    private static long position(EventMessage<?> event) {
        if (event instanceof TrackedEventMessage<?> tracked) {
            return tracked.trackingToken().position().orElse(0);
        }
        return 0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
