package org.smpledger.density;

import java.time.Instant;

/**
 * One session's part in a zone's density: what it added, from what to what, the healed size of
 * its dots (null when the needles are not known), its override reason, and whether it restored
 * loss a healing check had observed on the zone since the zone's previous session.
 */
public record Contribution(
        String sessionId,
        int course,
        int sessionNumber,
        Instant at,
        DensityFraction added,
        DensityFraction before,
        DensityFraction cumulativeAfter,
        Millimetres healedDot,
        String overrideReason,
        boolean restoresObservedLoss) {

    /**
     * Stands for an override's reason where the reader does not hold it: the reason is the client's personal
     * data, which the event store leaves out for every reader but the few that may open it.
     */
    public static final String REASON_WITH_PERSONAL_DATA = "reason kept with the client's personal data";

    public boolean overridden() {
        return overrideReason != null;
    }
}
