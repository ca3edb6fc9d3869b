package org.smpledger.density;

import java.util.List;
import org.smpledger.events.treatment.ScalpZone;

/**
 * A zone judged by one policy: where it stands ({@link ZoneStanding}), the level and each finding
 * behind it, the sessions of the course on it, the healing checks that measured what it kept, the
 * policy that judged it ({@code judgedBy}) and all of that in the clinic's words
 * ({@code explanation}).
 */
public record ZoneAssessment(
        ZoneStanding standing,
        RiskLevel level,
        List<Finding> findings,
        List<Contribution> contributions,
        List<RetentionCheck> retentionChecks,
        String judgedBy,
        String explanation) {

    public ScalpZone zone() {
        return standing.zone();
    }

    public int course() {
        return standing.course();
    }

    /** The density on the scalp now: deposited minus observed loss. */
    public DensityFraction density() {
        return standing.density();
    }

    public int sessionsInCourse() {
        return standing.sessionsInCourse();
    }
}
