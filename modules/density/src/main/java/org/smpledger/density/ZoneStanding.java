package org.smpledger.density;

import java.util.List;
import org.smpledger.events.treatment.ScalpZone;

/**
 * Where one zone stands in the current course, in numbers that do not depend on the clinic's
 * policy: the density it started the course with ({@code baseline}), the density on the scalp now
 * (deposited minus observed loss), sessions on it this course, the mean distance between dot
 * centres (infinite on an empty zone), the healed size of the largest dots on it (null when no
 * needle is known), the most one session of the course added to it, the course's treatment plan as
 * it concerns the zone (null: the course has no plan), which of its sessions ("session 4 (s-4)")
 * went beyond the plan's number without a loss observed on the zone before them, and what healing
 * checks of the course saw of dots spreading into each other ("blurring by ha-2": blowout, blurring,
 * halo or migration). A policy judges a standing:
 * {@link OverLayeringLimits#judge}.
 */
public record ZoneStanding(
        ScalpZone zone,
        int course,
        DensityFraction baseline,
        DensityFraction density,
        int sessionsInCourse,
        double centreSpacingMm,
        Millimetres healedDot,
        DensityFraction largestSessionDose,
        Plan plan,
        List<String> sessionsBeyondPlanWithoutLoss,
        List<String> blurSeen) {

    public ZoneStanding {
        sessionsBeyondPlanWithoutLoss =
                sessionsBeyondPlanWithoutLoss == null ? List.of() : List.copyOf(sessionsBeyondPlanWithoutLoss);
        blurSeen = blurSeen == null ? List.of() : List.copyOf(blurSeen);
    }

    /** The course's plan for this zone; {@code target} is null when the plan leaves the zone out. */
    public record Plan(String planId, int plannedSessions, DensityFraction target) {}

    /** Clear skin between the edges of neighbouring dots, in mm; infinite on an empty zone. */
    public double dotGapMm() {
        if (!Double.isFinite(centreSpacingMm)) {
            return Double.POSITIVE_INFINITY;
        }
        return Tolerance.round(centreSpacingMm - (healedDot == null ? 0 : healedDot.value()));
    }

    public boolean empty() {
        return density.isNone();
    }

    String name() {
        return ZoneDensityLedger.name(zone);
    }
}
