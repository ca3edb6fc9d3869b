package org.smpledger.projections.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a replay stands. Counts are positions in the global event stream from the first event to
 * the head (the head moves while events keep arriving). {@code eta} is null until a rate is known.
 */
public record ReplayProgress(
        String projection,
        int fromGeneration,
        int toGeneration,
        State state,
        long eventsDone,
        long eventsTotal,
        double eventsPerSecond,
        Duration eta,
        Instant startedAt,
        Instant finishedAt,
        String failure) {

    public enum State {
        RUNNING,
        COMPLETED,
        FAILED
    }

    public double percentDone() {
        return eventsTotal <= 0 ? 100.0 : Math.min(100.0, 100.0 * eventsDone / eventsTotal);
    }
}
