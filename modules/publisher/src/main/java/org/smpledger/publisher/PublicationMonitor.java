package org.smpledger.publisher;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.smpledger.processing.EventProcessors;

/**
 * What the publication has achieved: how far behind the head of the event store it is (the lag, in
 * events: head position minus the position the processor's token reached), whether it is failing and
 * for how long. Exposes {@code smp.publisher.lag} and {@code smp.publisher.failed.batches} to
 * Micrometer: a batch that fails while Kafka's acknowledgements are awaited (every event of it
 * already handled) is invisible to Axon's message monitors, which give the processor's latency and
 * throughput.
 */
public final class PublicationMonitor implements MeterBinder {

    private final String processorName;
    private final Duration maxErrorDuration;
    private final Clock clock;
    private final AtomicLong publishedEvents = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private volatile EventProcessors processors;
    private volatile long publishedPosition = -1;
    private volatile long pendingPosition = -1;
    private volatile Instant failingSince;
    private volatile String lastError;

    PublicationMonitor(String processorName, Duration maxErrorDuration, Clock clock) {
        this.processorName = processorName;
        this.maxErrorDuration = maxErrorDuration;
        this.clock = clock;
    }

    void attach(EventProcessors processors) {
        this.processors = processors;
    }

    void batchStarted(long firstPosition) {
        pendingPosition = firstPosition;
    }

    void batchPublished(int events, long lastPosition) {
        publishedEvents.addAndGet(events);
        if (lastPosition >= 0) {
            publishedPosition = Math.max(publishedPosition, lastPosition);
        }
        failingSince = null;
        lastError = null;
    }

    void failed(Throwable error) {
        if (failingSince == null) {
            failingSince = clock.instant();
        }
        lastError = error == null ? "unknown" : String.valueOf(error.getMessage());
    }

    void batchFailed() {
        failedBatches.incrementAndGet();
        if (failingSince == null) {
            failingSince = clock.instant();
        }
    }

    public long publishedEvents() {
        return publishedEvents.get();
    }

    public long failedBatches() {
        return failedBatches.get();
    }

    public OptionalLong headPosition() {
        return eventStore().map(store -> position(store.createHeadToken())).orElse(OptionalLong.empty());
    }

    /**
     * The position up to which Kafka acknowledged every event, as far as can be told: the further of
     * the processor's token and the last batch this publisher saw acknowledged (the processor runs
     * one segment; on an instance standing by, the token as stored by the instance holding it); while
     * a batch keeps failing, the position just before it.
     */
    public OptionalLong publishedPosition() {
        OptionalLong tokenPosition = tokenPosition();
        if (tokenPosition.isPresent()) {
            return OptionalLong.of(Math.max(tokenPosition.getAsLong(), publishedPosition));
        }
        if (publishedPosition >= 0) {
            return OptionalLong.of(publishedPosition);
        }
        if (pendingPosition >= 0) {
            return OptionalLong.of(pendingPosition - 1);
        }
        return OptionalLong.empty();
    }

    private OptionalLong tokenPosition() {
        Optional<StreamingEventProcessor> processor = processor();
        if (processor.isEmpty()) {
            return OptionalLong.empty();
        }
        Map<Integer, EventTrackerStatus> segments = processor.get().processingStatus();
        if (segments.isEmpty()) {
            // another instance holds the claims: what the store says
            return processors.storedPosition(processorName);
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : segments.values()) {
            OptionalLong position = segment.getTrackingToken() == null ? tailPosition() : segment.getCurrentPosition();
            if (position.isEmpty()) {
                return OptionalLong.empty();
            }
            lowest = Math.min(lowest, position.getAsLong());
        }
        return OptionalLong.of(lowest);
    }

    /** Events behind the head of the event store; 0 for an empty store; empty when it cannot be told. */
    public OptionalLong lag() {
        if (eventStore().isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong head = headPosition();
        return lag(head, head.isEmpty() ? OptionalLong.empty() : publishedPosition());
    }

    /** Events stored but not yet published: 0 for an empty store, unknown before the processor has a position. */
    private static OptionalLong lag(OptionalLong head, OptionalLong published) {
        if (head.isEmpty()) {
            return OptionalLong.of(0);
        }
        return published.isEmpty()
                ? OptionalLong.empty()
                : OptionalLong.of(Math.max(0, head.getAsLong() - published.getAsLong()));
    }

    public PublicationStatus status() {
        Instant now = clock.instant();
        Optional<StreamingEventProcessor> processor = processor();
        boolean running = processor.map(EventProcessor::isRunning).orElse(false);
        if (running && processor.get().isError() && failingSince == null) {
            failed(new IllegalStateException("processor " + processorName + " reports an error"));
        }
        // One read of head and published position serves the lag and the figures reported with it.
        OptionalLong head = running ? headPosition() : OptionalLong.empty();
        OptionalLong published = running ? publishedPosition() : OptionalLong.empty();
        OptionalLong lag = running && eventStore().isPresent() ? lag(head, published) : OptionalLong.empty();
        PublicationStatus.State state;
        if (!running) {
            state = PublicationStatus.State.STOPPED;
        } else if (failingSince != null) {
            state = PublicationStatus.State.RETRYING;
        } else if (lag.isPresent() && lag.getAsLong() == 0) {
            state = PublicationStatus.State.CAUGHT_UP;
        } else {
            state = PublicationStatus.State.CATCHING_UP;
        }
        Instant since = failingSince;
        boolean healthy =
                running && (since == null || Duration.between(since, now).compareTo(maxErrorDuration) <= 0);
        return new PublicationStatus(state, healthy, lag, head, published, publishedEvents.get(), since, lastError);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("smp.publisher.lag", this, monitor -> {
                    OptionalLong lag = monitor.lag();
                    return lag.isPresent() ? lag.getAsLong() : Double.NaN;
                })
                .description(
                        "Events stored but not yet published to Kafka (head position minus the publisher's position)")
                .baseUnit("events")
                .tag("processor", processorName)
                .register(registry);
        FunctionCounter.builder("smp.publisher.failed.batches", failedBatches, AtomicLong::doubleValue)
                .description("Processor batches that failed and were retried from the token")
                .tag("processor", processorName)
                .register(registry);
    }

    private Optional<StreamingEventProcessor> processor() {
        EventProcessors attached = processors;
        return attached == null ? Optional.empty() : attached.processor(processorName);
    }

    private Optional<StreamableMessageSource<TrackedEventMessage<?>>> eventStore() {
        EventProcessors attached = processors;
        return attached == null ? Optional.empty() : attached.source();
    }

    private OptionalLong tailPosition() {
        return eventStore()
                .map(store -> {
                    OptionalLong tail = position(store.createTailToken());
                    return tail.isPresent() ? tail : OptionalLong.of(-1);
                })
                .orElse(OptionalLong.empty());
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }
}
