package org.smpledger.projections.risk;

import java.time.Instant;
import java.util.List;
import org.smpledger.density.RiskLevel;

/**
 * How each zone of a client stands against the over-layering limits, and why. {@code asOf}
 * (null: now) counts only sessions, touch-ups and corrections recorded by then.
 * {@code meanDotSpacingMm} is null for a zone with no density.
 */
public record ClientRisk(String clientId, String clinicId, Instant asOf, RiskLevel level, List<Zone> zones) {

    public record Zone(
            String zone,
            int course,
            double baseline,
            double cumulative,
            int sessionsInCourse,
            Double meanDotSpacingMm,
            RiskLevel level,
            String explanation,
            List<Finding> findings,
            List<Session> sessions) {}

    public record Finding(String limit, RiskLevel level, double actual, double limitValue, String explanation) {}

    /** One session of the current course on the zone: what it added and where it left the zone. */
    public record Session(
            String sessionId,
            int course,
            int sessionNumber,
            Instant at,
            double added,
            double cumulativeAfter,
            String overrideReason) {}
}
