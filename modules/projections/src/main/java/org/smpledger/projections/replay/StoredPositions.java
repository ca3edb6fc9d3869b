package org.smpledger.projections.replay;

import java.util.OptionalLong;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.smpledger.processing.EventProcessors;

/**
 * Positions as the token store holds them ({@link EventProcessors#storedPosition}): a processor's
 * position is where its last durable batch ended, lowest over its segments, the same on every
 * instance whichever holds the segments; the head is the event store's.
 */
final class StoredPositions implements ProcessorPositions {

    private final EventProcessors processors;

    StoredPositions(EventProcessors processors) {
        this.processors = processors;
    }

    @Override
    public OptionalLong position(String processorName) {
        return processors.storedPosition(processorName);
    }

    @Override
    public boolean running(String processorName) {
        return processors
                .processor(processorName)
                .map(StreamingEventProcessor::isRunning)
                .orElse(false);
    }

    @Override
    public long head() {
        return processors
                .source()
                .map(source -> position(source.createHeadToken()))
                .orElse(-1L);
    }

    /** A token's global position; -1 before the first event (no token, or an empty store). */
    static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
