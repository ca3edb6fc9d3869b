package org.smpledger.projections.risk;

import java.util.List;
import org.smpledger.density.RiskLevel;
import org.smpledger.projections.Page;

/** A clinic's clients at watch or high, worst first. */
public record RiskFlags(String clinicId, Page<Flag> flags) {

    public record Flag(String clientId, RiskLevel level, List<ZoneFlag> zones) {}

    public record ZoneFlag(String zone, RiskLevel level, double cumulative, int sessionsInCourse) {}
}
