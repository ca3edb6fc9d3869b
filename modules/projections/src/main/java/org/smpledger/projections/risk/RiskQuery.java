package org.smpledger.projections.risk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.smpledger.density.Contribution;
import org.smpledger.density.OverLayeringLimits;
import org.smpledger.density.RiskLevel;
import org.smpledger.density.ZoneAssessment;
import org.smpledger.projections.Page;
import org.smpledger.projections.store.LiveGenerations;

/**
 * Reads over-layering risk. A client's view folds its stored density inputs (up to {@code asOf})
 * through the same density ledger the domain's guard uses, with the configured limits; the
 * clinic's flag list is one {@code _id} lookup sorted in memory.
 */
public final class RiskQuery {

    private final LiveGenerations generations;
    private final OverLayeringLimits limits;

    public RiskQuery(LiveGenerations generations, OverLayeringLimits limits) {
        this.generations = generations;
        this.limits = limits;
    }

    /** Empty when the client is unknown, or was not yet recorded at {@code asOf}. */
    public Optional<ClientRisk> risk(String clientId, Instant asOf) {
        StoredRisk stored = generations.byId(RiskProjection.NAME, StoredRisk.MODEL, clientId);
        if (stored == null || asOf != null && stored.firstRecordedAt().isAfter(asOf)) {
            return Optional.empty();
        }
        List<ZoneAssessment> assessments = DensityInputs.fold(stored.inputs(), asOf, limits.naturalDensity())
                .assess(limits);
        List<ClientRisk.Zone> zones = assessments.stream().map(RiskQuery::zone).toList();
        RiskLevel level = assessments.stream().map(ZoneAssessment::level).reduce(RiskLevel.OK, RiskLevel::worse);
        return Optional.of(new ClientRisk(clientId, stored.clinicId(), asOf, level, zones));
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
                        c.overrideReason()))
                .toList();
        Double spacing = Double.isFinite(a.meanDotSpacingMm()) ? a.meanDotSpacingMm() : null;
        return new ClientRisk.Zone(
                a.zone().name(),
                a.course(),
                a.baseline().value(),
                a.cumulative().value(),
                a.sessionsInCourse(),
                spacing,
                a.level(),
                explanation(a),
                findings,
                sessions);
    }

    /** The findings in a sentence or two, then the overrides and their reasons. */
    private static String explanation(ZoneAssessment a) {
        String zone = a.zone().name().toLowerCase(Locale.ROOT).replace('_', '-');
        StringBuilder why = new StringBuilder();
        if (a.findings().isEmpty()) {
            why.append("%s is at %s of natural density after %d session%s in course %d: within every limit"
                    .formatted(
                            zone,
                            format(a.cumulative().value()),
                            a.sessionsInCourse(),
                            a.sessionsInCourse() == 1 ? "" : "s",
                            a.course()));
        } else {
            why.append(a.findings().stream().map(f -> f.explanation()).collect(Collectors.joining(". ")));
        }
        List<Contribution> overridden =
                a.contributions().stream().filter(Contribution::overridden).toList();
        if (!overridden.isEmpty()) {
            why.append(". Overrides: ")
                    .append(overridden.stream()
                            .map(c -> "session %d (%s): %s"
                                    .formatted(c.sessionNumber(), c.sessionId(), c.overrideReason()))
                            .collect(Collectors.joining("; ")));
        }
        return why.toString();
    }

    private static String format(double value) {
        return BigDecimal.valueOf(value)
                .setScale(3, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
