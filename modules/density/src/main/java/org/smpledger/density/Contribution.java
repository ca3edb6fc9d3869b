package org.smpledger.density;

import java.time.Instant;

/** One session's part in a zone's density, and where it left the zone. */
public record Contribution(
        String sessionId,
        int course,
        int sessionNumber,
        Instant at,
        DensityFraction added,
        DensityFraction cumulativeAfter,
        String overrideReason) {

    public boolean overridden() {
        return overrideReason != null;
    }
}
