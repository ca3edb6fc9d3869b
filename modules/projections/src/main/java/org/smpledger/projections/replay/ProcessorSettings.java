package org.smpledger.projections.replay;

import java.time.Duration;

/**
 * How projection processors run: events per batch (one MongoDB write per touched document per
 * batch), how many segments (threads) share a projection whose clients are independent
 * ({@link org.smpledger.projections.Projection#clientsIndependent()}), how often a replay checks
 * whether it has caught up, and how often it logs progress. The segment count applies when a
 * processor first starts (a replay's new generation, a fresh store); a processor that already
 * stored tokens keeps its segments.
 */
public record ProcessorSettings(int batchSize, int clientSegments, Duration replayCheckInterval, Duration progressLogInterval) {

    public static final ProcessorSettings DEFAULT = new ProcessorSettings(500, 2, Duration.ofMillis(100), Duration.ofSeconds(5));

    public ProcessorSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        if (clientSegments < 1) {
            throw new IllegalArgumentException("client segments must be at least 1");
        }
    }
}
