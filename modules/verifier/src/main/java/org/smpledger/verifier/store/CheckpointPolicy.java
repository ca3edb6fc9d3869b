package org.smpledger.verifier.store;

import java.time.Duration;
import java.util.Objects;

/**
 * When the builder signs a checkpoint: once the tree has grown by {@code everyEvents} since the
 * last one, or {@code interval} after the last one if it has grown at all. A tree that does not
 * grow gets no new checkpoints.
 */
public record CheckpointPolicy(long everyEvents, Duration interval) {

    public static final CheckpointPolicy DEFAULT = new CheckpointPolicy(1000, Duration.ofSeconds(10));

    public CheckpointPolicy {
        Objects.requireNonNull(interval, "interval");
        if (everyEvents < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("checkpoints every 1 event or more and a positive interval");
        }
    }
}
