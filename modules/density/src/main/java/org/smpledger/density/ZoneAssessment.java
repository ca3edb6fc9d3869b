package org.smpledger.density;

import java.util.List;
import org.smpledger.events.treatment.ScalpZone;

/**
 * Where a zone stands in the current course: density carried in from earlier courses
 * ({@code baseline}), density now, sessions this course, implied mean dot spacing (infinite on an
 * untouched zone), the overall level and each finding that explains it.
 */
public record ZoneAssessment(
        ScalpZone zone,
        int course,
        DensityFraction baseline,
        DensityFraction cumulative,
        int sessionsInCourse,
        double meanDotSpacingMm,
        RiskLevel level,
        List<Finding> findings,
        List<Contribution> contributions) {}
