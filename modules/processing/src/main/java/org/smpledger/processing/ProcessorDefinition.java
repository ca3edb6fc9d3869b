package org.smpledger.processing;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * One event processor: its name (also the name of its token), the batch handler it runs, events per
 * batch, where a first start begins, and under which name its Axon message monitors report
 * (processor latency and throughput), while {@code monitored} says so.
 *
 * @param initialToken the position before the first event to handle when no token is stored yet
 * @param metricsName  the component name the message monitors report under; null: not monitored
 * @param monitored    whether the monitors report right now (e.g. only once a rebuilt projection is live)
 */
public record ProcessorDefinition(
        String name,
        EventBatchHandler<?> handler,
        int batchSize,
        Function<StreamableMessageSource<TrackedEventMessage<?>>, TrackingToken> initialToken,
        String metricsName,
        BooleanSupplier monitored) {

    public ProcessorDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(initialToken, "initialToken");
        Objects.requireNonNull(monitored, "monitored");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
    }

    /** From the first event, 100 events per batch, monitored under its own name. */
    public static ProcessorDefinition of(String name, EventBatchHandler<?> handler) {
        return new ProcessorDefinition(name, handler, 100, StreamableMessageSource::createTailToken, name, () -> true);
    }

    public ProcessorDefinition withBatchSize(int batchSize) {
        return new ProcessorDefinition(name, handler, batchSize, initialToken, metricsName, monitored);
    }

    public ProcessorDefinition startingAt(
            Function<StreamableMessageSource<TrackedEventMessage<?>>, TrackingToken> initialToken) {
        return new ProcessorDefinition(name, handler, batchSize, initialToken, metricsName, monitored);
    }

    /** Reports under {@code metricsName} while {@code when} holds; a null name turns monitoring off. */
    public ProcessorDefinition monitoredAs(String metricsName, BooleanSupplier when) {
        return new ProcessorDefinition(name, handler, batchSize, initialToken, metricsName, when);
    }
}
