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
import org.smpledger.events.clinic.ClinicPolicyHistory;
import org.smpledger.events.clinic.ClinicRules;
import org.smpledger.projections.AdoptedPolicies;
import org.smpledger.projections.ClinicPolicyVersion;
import org.smpledger.projections.ClinicRoster;
import org.smpledger.projections.Page;
import org.smpledger.projections.store.LiveGenerations;

/**
 * Reads over-layering risk. A client's view folds its stored inputs (up to {@code asOf}) through the
 * same density ledger the domain's guard uses and judges them by the clinic's policy in force at
 * {@code asOf} (or now); the clinic's flag list reads its roster's buckets by one {@code _id $in} and
 * its clients' standings by {@code _id $in} (100 ids per query), and judges them by the policy in
 * force now.
 */
public final class RiskQuery {

    private final LiveGenerations generations;
    private final DensityMeasures measures;
    private final ClinicRules deploymentDefault;

    public RiskQuery(LiveGenerations generations, DensityMeasures measures, ClinicRules deploymentDefault) {
        this.generations = generations;
        this.measures = measures;
        this.deploymentDefault = deploymentDefault;
    }

    /** Empty when the client is unknown, or was not yet recorded at {@code asOf}. */
    public Optional<ClientRisk> risk(String clientId, Instant asOf, Instant now) {
        StoredRisk stored = generations.byId(RiskProjection.NAME, StoredRisk.MODEL, clientId);
        if (stored == null || asOf != null && stored.firstRecordedAt().isAfter(asOf)) {
            return Optional.empty();
        }
        String clinicId = stored.clinicId();
        ClinicPolicyHistory.InForce policy = policies(clinicId, asOf).inForceAt(asOf != null ? asOf : now);
        List<ZoneAssessment> assessments = RiskProjection.fold(stored.inputs(), asOf, measures)
                .assess(OverLayeringLimits.of(policy.rules()), policy.label());
        List<ClientRisk.Zone> zones = assessments.stream().map(RiskQuery::zone).toList();
        RiskLevel level = assessments.stream().map(ZoneAssessment::level).reduce(RiskLevel.OK, RiskLevel::worse);
        return Optional.of(new ClientRisk(clientId, clinicId, asOf, level, judgedBy(policy), zones));
    }

    public RiskFlags flags(String clinicId, Instant now, int page, int size) {
        ClinicPolicyHistory.InForce policy = policies(clinicId, null).inForceAt(now);
        OverLayeringLimits limits = OverLayeringLimits.of(policy.rules());
        List<RiskFlags.Flag> flags = new ArrayList<>();
        List<String> ids = ClinicRoster.clientIds(generations, RiskProjection.NAME, StoredRisk.ROSTER, clinicId);
        for (StoredRisk.ClientStandings client : generations
                .byIds(RiskProjection.NAME, StoredRisk.ClientStandings.MODEL, ids)
                .values()) {
            if (!clinicId.equals(client.clinicId())) {
                continue;
            }
            List<RiskFlags.ZoneFlag> zones = new ArrayList<>();
            for (StoredRisk.Standing zone : client.zones()) {
                ZoneStanding standing = zone.standing();
                RiskLevel level = limits.levelOf(standing);
                if (level != RiskLevel.OK) {
                    zones.add(new RiskFlags.ZoneFlag(
                            standing.zone().name(), level, standing.density().value(), standing.sessionsInCourse()));
                }
            }
            if (!zones.isEmpty()) {
                zones.sort(Comparator.comparing(RiskFlags.ZoneFlag::level)
                        .reversed()
                        .thenComparing(Comparator.comparingDouble(RiskFlags.ZoneFlag::density)
                                .reversed()));
                flags.add(new RiskFlags.Flag(client.clientId(), zones.get(0).level(), List.copyOf(zones)));
            }
        }
        flags.sort(Comparator.comparing(RiskFlags.Flag::level)
                .reversed()
                .thenComparing(
                        Comparator.comparingDouble(RiskQuery::worstDensity).reversed())
                .thenComparing(RiskFlags.Flag::clientId));
        return new RiskFlags(clinicId, judgedBy(policy), Page.of(flags, page, size));
    }

    private ClinicPolicyHistory policies(String clinicId, Instant recordedBy) {
        StoredRisk.ClinicPolicies clinic = clinicId == null
                ? null
                : generations.byId(RiskProjection.NAME, StoredRisk.ClinicPolicies.MODEL, clinicId);
        return AdoptedPolicies.of(clinicId, deploymentDefault, clinic == null ? null : clinic.policies(), recordedBy);
    }

    private static ClinicPolicyVersion judgedBy(ClinicPolicyHistory.InForce policy) {
        return ClinicPolicyVersion.of(policy);
    }

    private static double worstDensity(RiskFlags.Flag flag) {
        return flag.zones().stream()
                .mapToDouble(RiskFlags.ZoneFlag::density)
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
