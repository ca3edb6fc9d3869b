package org.smpledger.projections.risk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.smpledger.density.DensityMeasures;
import org.smpledger.density.OverLayeringLimits;
import org.smpledger.density.RetentionCheck;
import org.smpledger.density.RiskLevel;
import org.smpledger.density.ZoneAssessment;
import org.smpledger.density.ZoneStanding;
import org.smpledger.projections.Page;
import org.smpledger.projections.store.LiveGenerations;

/**
 * Reads over-layering risk. A client's view folds its stored density inputs (up to {@code asOf})
 * through the same density ledger the domain's guard uses, with the configured limits; the
 * clinic's flag list is one {@code _id} lookup sorted in memory.
 */
public final class RiskQuery {

    static final String JUDGED_BY = "the deployment's default policy (v0)";

    private final LiveGenerations generations;
    private final DensityMeasures measures;
    private final OverLayeringLimits limits;

    public RiskQuery(LiveGenerations generations, DensityMeasures measures, OverLayeringLimits limits) {
        this.generations = generations;
        this.measures = measures;
        this.limits = limits;
    }

    /** Empty when the client is unknown, or was not yet recorded at {@code asOf}. */
    public Optional<ClientRisk> risk(String clientId, Instant asOf) {
        StoredRisk stored = generations.byId(RiskProjection.NAME, StoredRisk.MODEL, clientId);
        if (stored == null || asOf != null && stored.firstRecordedAt().isAfter(asOf)) {
            return Optional.empty();
        }
        List<ZoneAssessment> assessments =
                DensityInputs.fold(stored.inputs(), asOf, measures).assess(limits, JUDGED_BY);
        List<ClientRisk.Zone> zones = assessments.stream().map(RiskQuery::zone).toList();
        RiskLevel level = assessments.stream().map(ZoneAssessment::level).reduce(RiskLevel.OK, RiskLevel::worse);
        return Optional.of(new ClientRisk(
                clientId, stored.clinicId(), asOf, level, new ClientRisk.Policy(0, JUDGED_BY), zones));
    }

    public RiskFlags flags(String clinicId, int page, int size) {
        StoredRisk.ClinicFlags stored = generations.byId(RiskProjection.NAME, StoredRisk.ClinicFlags.MODEL, clinicId);
        List<RiskFlags.Flag> flags = new ArrayList<>();
        for (StoredRisk.FlaggedClient entry : stored == null
                ? List.<StoredRisk.FlaggedClient>of()
                : stored.flags().values()) {
            if (entry.level() == RiskLevel.OK) {
                continue;
            }
            List<RiskFlags.ZoneFlag> zones = entry.zones().stream()
                    .map(z -> new RiskFlags.ZoneFlag(z.zone(), z.level(), z.cumulative(), z.sessionsInCourse()))
                    .toList();
            flags.add(new RiskFlags.Flag(entry.clientId(), entry.level(), zones));
        }
        flags.sort(Comparator.comparing(RiskFlags.Flag::level)
                .reversed()
                .thenComparing(
                        Comparator.comparingDouble(RiskQuery::worstCumulative).reversed())
                .thenComparing(RiskFlags.Flag::clientId));
        return new RiskFlags(clinicId, Page.of(flags, page, size));
    }

    private static double worstCumulative(RiskFlags.Flag flag) {
        return flag.zones().stream()
                .mapToDouble(RiskFlags.ZoneFlag::cumulative)
                .max()
                .orElse(0);
    }

    private static ClientRisk.Zone zone(ZoneAssessment a) {
        ZoneStanding standing = a.standing();
        List<ClientRisk.Finding> findings = a.findings().stream()
                .map(f ->
                        new ClientRisk.Finding(f.limit().id(), f.level(), f.actual(), f.limitValue(), f.explanation()))
                .toList();
        List<ClientRisk.Session> sessions = a.contributions().stream()
                .map(c -> new ClientRisk.Session(
                        c.sessionId(),
                        c.course(),
                        c.sessionNumber(),
                        c.at(),
                        c.added().value(),
                        c.cumulativeAfter().value(),
                        c.healedDot() == null ? null : c.healedDot().value(),
                        c.overrideReason(),
                        c.restoresObservedLoss()))
                .toList();
        List<ClientRisk.HealingCheck> checks = a.retentionChecks().stream()
                .map(r -> new ClientRisk.HealingCheck(
                        r.assessmentId(),
                        r.sessionId(),
                        r.at(),
                        r.before().value(),
                        r.after().value(),
                        r.retainedFraction(),
                        r.observedDensity()))
                .toList();
        double lost =
                a.retentionChecks().stream().mapToDouble(RetentionCheck::lost).sum();
        ClientRisk.Plan plan = standing.plan() == null
                ? null
                : new ClientRisk.Plan(
                        standing.plan().planId(),
                        standing.plan().plannedSessions(),
                        standing.plan().target() == null
                                ? null
                                : standing.plan().target().value());
        return new ClientRisk.Zone(
                a.zone().name(),
                a.course(),
                standing.baseline().value(),
                standing.density().value(),
                round(lost),
                a.sessionsInCourse(),
                finite(standing.centreSpacingMm()),
                standing.healedDot() == null ? null : standing.healedDot().value(),
                finite(standing.dotGapMm()),
                plan,
                a.level(),
                a.explanation(),
                findings,
                sessions,
                checks);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static double round(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).doubleValue();
    }
}
