package org.smpledger.projections.replay;

import java.time.Duration;

/**
 * How projection processors run: events per batch (one MongoDB write per touched document per
 * batch), how often a replay checks whether it has caught up, and how often it logs progress.
 */
public record ProcessorSettings(int batchSize, Duration replayCheckInterval, Duration progressLogInterval) {

    public static final ProcessorSettings DEFAULT =
            new ProcessorSettings(500, Duration.ofMillis(100), Duration.ofSeconds(5));

    public ProcessorSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
    }
}
