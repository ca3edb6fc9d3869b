package org.smpledger.projections.replay;

import java.time.Duration;

/**
 * How projection processors run: events per batch (one MongoDB write per touched document per
 * batch); how often every instance reads the generation pointers (which generation queries read,
 * which processors to run, whether a replay has caught up: {@code replayCheckInterval}); how often a
 * replay logs progress; into how many segments a projection that allows it is split; and how long
 * after a switch the replaced generation is dropped ({@code retireAfter}).
 * <p>
 * A query never uses a pointer read more than three refresh intervals ago ({@link #maxPointerAge()}),
 * so {@code retireAfter} must exceed that.
 */
public record ProcessorSettings(
        int batchSize, Duration replayCheckInterval, Duration progressLogInterval, int segments, Duration retireAfter) {

    public static final ProcessorSettings DEFAULT =
            new ProcessorSettings(500, Duration.ofMillis(100), Duration.ofSeconds(5), 1, Duration.ofSeconds(2));

    public ProcessorSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        if (segments < 1) {
            throw new IllegalArgumentException("a processor has at least one segment");
        }
        if (retireAfter.compareTo(replayCheckInterval.multipliedBy(3)) <= 0) {
            throw new IllegalArgumentException("retire-after must be longer than three replay check intervals");
        }
    }

    /** Batch size and intervals; one segment; replaced generations dropped 2 s (at least 4 intervals) after the switch. */
    public ProcessorSettings(int batchSize, Duration replayCheckInterval, Duration progressLogInterval) {
        this(
                batchSize,
                replayCheckInterval,
                progressLogInterval,
                1,
                max(Duration.ofSeconds(2), replayCheckInterval.multipliedBy(4)));
    }

    /** The oldest pointer read a query may use. */
    public Duration maxPointerAge() {
        return replayCheckInterval.multipliedBy(3);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
