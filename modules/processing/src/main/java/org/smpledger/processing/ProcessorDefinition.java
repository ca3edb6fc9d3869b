package org.smpledger.processing;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * One event processor: its name (also the name of its token), the batch handler it runs, events per
 * batch, where a first start begins, under which name its Axon message monitors report (processor
 * latency and throughput) while {@code monitored} says so, and into how many segments its work is
 * split.
 * <p>
 * Segments: the stream is split by stream (aggregate) id, so one stream's events always reach the
 * same segment, in order. Each segment has its own token and its own claim; the instances of the
 * service share the segments of every processor between them (see {@link EventProcessors#balance}).
 * The count applies when the processor's tokens are first made; a processor whose tokens exist keeps
 * the segments it has. {@code handlers} gives each segment its handler: the same one for every
 * segment ({@link #of}, which must then be safe for concurrent batches) or one per segment
 * ({@link #perSegment}).
 *
 * @param handlers     the batch handler of each segment (by segment id)
 * @param initialToken the position before the first event to handle when no token is stored yet
 * @param metricsName  the component name the message monitors report under; null: not monitored
 * @param monitored    whether the monitors report right now (e.g. only once a rebuilt projection is live)
 * @param segments     segments the processor's tokens are made with (1: one instance does all its work)
 * @param source       the stream the processor reads; null: the one every processor reads (the event store)
 */
public record ProcessorDefinition(
        String name,
        IntFunction<? extends EventBatchHandler<?>> handlers,
        int batchSize,
        Function<StreamableMessageSource<TrackedEventMessage<?>>, TrackingToken> initialToken,
        String metricsName,
        BooleanSupplier monitored,
        int segments,
        StreamableMessageSource<TrackedEventMessage<?>> source) {

    public ProcessorDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handlers, "handlers");
        Objects.requireNonNull(initialToken, "initialToken");
        Objects.requireNonNull(monitored, "monitored");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        if (segments < 1) {
            throw new IllegalArgumentException("a processor has at least one segment");
        }
    }

    /** Reading the stream every processor reads (the event store). */
    public ProcessorDefinition(
            String name,
            IntFunction<? extends EventBatchHandler<?>> handlers,
            int batchSize,
            Function<StreamableMessageSource<TrackedEventMessage<?>>, TrackingToken> initialToken,
            String metricsName,
            BooleanSupplier monitored,
            int segments) {
        this(name, handlers, batchSize, initialToken, metricsName, monitored, segments, null);
    }

    /** One handler for every segment, one segment (the definition before segments existed). */
    public ProcessorDefinition(
            String name,
            EventBatchHandler<?> handler,
            int batchSize,
            Function<StreamableMessageSource<TrackedEventMessage<?>>, TrackingToken> initialToken,
            String metricsName,
            BooleanSupplier monitored) {
        this(name, shared(handler), batchSize, initialToken, metricsName, monitored, 1);
    }

    /** From the first event, 100 events per batch, one segment, monitored under its own name. */
    public static ProcessorDefinition of(String name, EventBatchHandler<?> handler) {
        return new ProcessorDefinition(
                name, shared(handler), 100, StreamableMessageSource::createTailToken, name, () -> true, 1);
    }

    /**
     * Like {@link #of}, with a handler of its own for each segment (made when the segment is first
     * handled in this instance): for handlers that keep state from one batch to the next.
     */
    public static ProcessorDefinition perSegment(String name, IntFunction<? extends EventBatchHandler<?>> handlers) {
        return new ProcessorDefinition(
                name, handlers, 100, StreamableMessageSource::createTailToken, name, () -> true, 1);
    }

    /** The handler of segment 0 (of every segment, for a definition made by {@link #of}). */
    public EventBatchHandler<?> handler() {
        return handlers.apply(0);
    }

    public ProcessorDefinition withBatchSize(int batchSize) {
        return new ProcessorDefinition(
                name, handlers, batchSize, initialToken, metricsName, monitored, segments, source);
    }

    public ProcessorDefinition startingAt(
            Function<StreamableMessageSource<TrackedEventMessage<?>>, TrackingToken> initialToken) {
        return new ProcessorDefinition(
                name, handlers, batchSize, initialToken, metricsName, monitored, segments, source);
    }

    /** Reports under {@code metricsName} while {@code when} holds; a null name turns monitoring off. */
    public ProcessorDefinition monitoredAs(String metricsName, BooleanSupplier when) {
        return new ProcessorDefinition(name, handlers, batchSize, initialToken, metricsName, when, segments, source);
    }

    /** Splits the processor's work into {@code segments} (applies when its tokens are first made). */
    public ProcessorDefinition withSegments(int segments) {
        return new ProcessorDefinition(
                name, handlers, batchSize, initialToken, metricsName, monitored, segments, source);
    }

    /**
     * Reads {@code messageSource} instead of the stream every processor reads (e.g. the event store's
     * raw commits); claims, segments, tokens, monitors and balancing are those of every processor.
     */
    public ProcessorDefinition readingFrom(StreamableMessageSource<TrackedEventMessage<?>> messageSource) {
        return new ProcessorDefinition(
                name,
                handlers,
                batchSize,
                initialToken,
                metricsName,
                monitored,
                segments,
                Objects.requireNonNull(messageSource, "messageSource"));
    }

    private static IntFunction<EventBatchHandler<?>> shared(EventBatchHandler<?> handler) {
        Objects.requireNonNull(handler, "handler");
        return segment -> handler;
    }
}
