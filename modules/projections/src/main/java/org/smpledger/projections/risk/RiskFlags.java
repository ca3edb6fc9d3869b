package org.smpledger.projections.risk;

import java.util.List;
import org.smpledger.density.RiskLevel;
import org.smpledger.projections.ClinicPolicyVersion;
import org.smpledger.projections.Page;

/**
 * A clinic's clients at WATCH or HIGH, worst first, judged by the clinic's policy in force now
 * ({@code judgedBy}).
 */
public record RiskFlags(String clinicId, ClinicPolicyVersion judgedBy, Page<Flag> flags) {

    public record Flag(String clientId, RiskLevel level, List<ZoneFlag> zones) {}

    /** A zone above OK: its level, the density on the scalp and the sessions of the course on it. */
    public record ZoneFlag(String zone, RiskLevel level, double density, int sessionsInCourse) {}
}
