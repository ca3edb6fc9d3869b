package org.smpledger.density;

import java.time.Instant;

/**
 * A healing check that measured what a zone kept: the share of the course's work still there
 * ({@code retainedFraction}) or the density seen ({@code observedDensity}), and the zone's density
 * before and after it. {@link #lost()} is what fading took; below zero when more was seen than
 * counted (the ledger then counts what was seen).
 */
public record RetentionCheck(
        String assessmentId,
        String sessionId,
        Instant at,
        DensityFraction before,
        DensityFraction after,
        Double retainedFraction,
        Double observedDensity) {

    public double lost() {
        return Tolerance.round(before.value() - after.value());
    }

    public boolean sawLoss() {
        return before.exceeds(after);
    }
}
