package org.smpledger.projections.risk;

import java.time.Instant;
import java.util.List;
import org.smpledger.density.RiskLevel;
import org.smpledger.projections.ClinicPolicyVersion;

/**
 * How each zone of a client stands against the over-layering limits and its treatment plan, and
 * why, judged by the clinic's policy in force at {@code asOf} (null: now), which {@code judgedBy}
 * names. {@code asOf} counts only what was recorded by then.
 */
public record ClientRisk(
        String clientId,
        String clinicId,
        Instant asOf,
        RiskLevel level,
        ClinicPolicyVersion judgedBy,
        List<Zone> zones) {

    /**
     * One zone in the current course: {@code density} is what is on the scalp (deposited minus
     * observed loss), {@code baseline} what the course started with; spacing figures are null on an
     * empty zone, {@code healedDotMm} when no needle is known; {@code plan} null when the course has none.
     */
    public record Zone(
            String zone,
            int course,
            double baseline,
            double density,
            double observedLoss,
            int sessionsInCourse,
            Double meanDotSpacingMm,
            Double healedDotMm,
            Double dotGapMm,
            Plan plan,
            RiskLevel level,
            String explanation,
            List<Finding> findings,
            List<Session> sessions,
            List<HealingCheck> healingChecks) {}

    /** The course's plan for the zone ({@code target} null: the plan leaves the zone out). */
    public record Plan(String planId, int plannedSessions, Double target) {}

    public record Finding(String limit, RiskLevel level, double actual, double limitValue, String explanation) {}

    /** One session of the current course on the zone: what it added and where it left the zone. */
    public record Session(
            String sessionId,
            int course,
            int sessionNumber,
            Instant at,
            double added,
            double cumulativeAfter,
            Double healedDotMm,
            String overrideReason,
            boolean restoresObservedLoss) {}

    /** A healing check that measured what the zone kept. */
    public record HealingCheck(
            String assessmentId,
            String sessionId,
            Instant at,
            double before,
            double after,
            Double retainedFraction,
            Double observedDensity) {}
}
