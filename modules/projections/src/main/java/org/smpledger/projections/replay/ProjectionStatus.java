package org.smpledger.projections.replay;

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
        ReplayProgress replay) {}
