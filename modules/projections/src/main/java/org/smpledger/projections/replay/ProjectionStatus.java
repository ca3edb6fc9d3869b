package org.smpledger.projections.replay;

import java.util.OptionalLong;
import org.smpledger.projections.store.Generation;

/**
 * A projection's processor as operators see it: the generation queries read, the processor
 * building it, its position and the head's, the lag between them, and the latest replay.
 */
public record ProjectionStatus(
        String projection,
        int liveGeneration,
        String processor,
        boolean running,
        Long position,
        Long headPosition,
        long lag,
        ReplayProgress replay) {

    /** The live generation's processor against the head: the lag counts every event it has not handled. */
    public static ProjectionStatus of(Generation live, ProcessorPositions positions, ReplayProgress replay) {
        long head = positions.head();
        OptionalLong position = positions.position(live.processorName());
        return new ProjectionStatus(
                live.projection(),
                live.number(),
                live.processorName(),
                positions.running(live.processorName()),
                position.isPresent() ? position.getAsLong() : null,
                head < 0 ? null : head,
                Math.max(0, head - position.orElse(-1)),
                replay);
    }
}
