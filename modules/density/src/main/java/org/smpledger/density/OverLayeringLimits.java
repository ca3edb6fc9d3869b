package org.smpledger.density;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.smpledger.events.clinic.ClinicRules;

/**
 * One clinic policy's over-layering limits, and how it judges a zone ({@link #judge}):
 * <ul>
 *   <li>HIGH past a limit: the density ceiling, the sessions allowed per course, the most one
 *       session may add ({@code maxAddedPerSession}), or the least clear skin between healed dot
 *       edges ({@code minimumDotGap});
 *   <li>WATCH beyond the treatment plan (a density above its target, a zone it leaves out, more
 *       sessions than it foresees with no loss observed before them; without a plan, a density
 *       above the {@code usualTarget}), or near the blur limit: a dot gap below
 *       {@code minimumDotGap / watchRatio}, or a healing check of the course that saw dots spread
 *       (blowout, blurring, halo, migration);
 *   <li>OK otherwise: a course that reaches its plan's target is OK.
 * </ul>
 */
public record OverLayeringLimits(
        DensityFraction densityCeiling,
        DensityFraction usualTarget,
        DensityFraction maxAddedPerSession,
        int maxSessionsPerCourse,
        Millimetres minimumDotGap,
        double watchRatio) {

    public static final OverLayeringLimits DEFAULT = new OverLayeringLimits(
            DensityFraction.of(1.0), DensityFraction.of(1.0), DensityFraction.of(0.5), 4, Millimetres.of(0.5), 0.85);

    public OverLayeringLimits {
        if (densityCeiling.isNone()) {
            throw new IllegalArgumentException("density ceiling must be above zero");
        }
        if (usualTarget.isNone() || usualTarget.exceeds(densityCeiling)) {
            throw new IllegalArgumentException("the usual target must be above zero and not above the ceiling");
        }
        if (maxAddedPerSession.isNone()) {
            throw new IllegalArgumentException("the most one session may add must be above zero");
        }
        if (maxSessionsPerCourse < 1) {
            throw new IllegalArgumentException("at least one session per course must be allowed");
        }
        if (!(watchRatio > 0 && watchRatio <= 1)) {
            throw new IllegalArgumentException("watch ratio must be in (0, 1], was " + watchRatio);
        }
    }

    /** The limits of a clinic's rules (adopted or the deployment's). */
    public static OverLayeringLimits of(ClinicRules rules) {
        ClinicRules.Density density = rules.density();
        return new OverLayeringLimits(
                DensityFraction.of(density.ceiling()),
                DensityFraction.of(density.usualTarget()),
                DensityFraction.of(density.maxAddedPerSession()),
                rules.sessions().maxPerCourse(),
                Millimetres.of(density.minimumDotGapMm()),
                density.watchRatio());
    }

    /** Where the blur limit starts to be near: a dot gap below this is WATCH. */
    double watchDotGapMm() {
        return minimumDotGap.value() / watchRatio;
    }

    /** The level of a standing under these limits. */
    public RiskLevel levelOf(ZoneStanding standing) {
        return judge(standing).stream().map(Finding::level).reduce(RiskLevel.OK, RiskLevel::worse);
    }

    /** Every limit a standing is near or past, and every way it goes beyond its plan. */
    public List<Finding> judge(ZoneStanding z) {
        List<Finding> findings = new ArrayList<>();
        String zone = z.name();
        if (z.density().exceeds(densityCeiling)) {
            findings.add(new Finding(
                    Limit.DENSITY_CEILING,
                    RiskLevel.HIGH,
                    z.density().value(),
                    densityCeiling.value(),
                    "%s is at %s of natural density, %s over the ceiling of %s"
                            .formatted(
                                    zone,
                                    z.density().amount(),
                                    z.density().minus(densityCeiling).amount(),
                                    densityCeiling.amount())));
        }
        if (z.sessionsInCourse() > maxSessionsPerCourse) {
            findings.add(new Finding(
                    Limit.SESSIONS_PER_COURSE,
                    RiskLevel.HIGH,
                    z.sessionsInCourse(),
                    maxSessionsPerCourse,
                    "%s has had %d sessions in course %d, %d over the limit of %d"
                            .formatted(
                                    zone,
                                    z.sessionsInCourse(),
                                    z.course(),
                                    z.sessionsInCourse() - maxSessionsPerCourse,
                                    maxSessionsPerCourse)));
        }
        if (z.largestSessionDose().exceeds(maxAddedPerSession)) {
            findings.add(new Finding(
                    Limit.DOSE_PER_SESSION,
                    RiskLevel.HIGH,
                    z.largestSessionDose().value(),
                    maxAddedPerSession.value(),
                    "a session added %s to %s, past the most one session may add (%s)"
                            .formatted(z.largestSessionDose().amount(), zone, maxAddedPerSession.amount())));
        }
        spacing(z).ifPresent(findings::add);
        if (!z.blurSeen().isEmpty()) {
            findings.add(new Finding(
                    Limit.DOT_SPACING,
                    RiskLevel.WATCH,
                    z.blurSeen().size(),
                    0,
                    "healing checks saw dots spreading on %s: %s".formatted(zone, String.join(", ", z.blurSeen()))));
        }
        findings.addAll(plan(z));
        return List.copyOf(findings);
    }

    private Optional<Finding> spacing(ZoneStanding z) {
        double gap = z.dotGapMm();
        if (z.empty() || !Double.isFinite(gap)) {
            return Optional.empty();
        }
        String dots = z.healedDot() == null ? "dots of unknown size" : "healed dots of " + z.healedDot();
        double min = minimumDotGap.value();
        if (gap < min - Tolerance.EPSILON) {
            return Optional.of(new Finding(
                    Limit.DOT_SPACING,
                    RiskLevel.HIGH,
                    gap,
                    min,
                    "%s on %s are %s mm apart edge to edge at %s of natural density, less than the minimum of %s mm"
                            .formatted(
                                    dots,
                                    z.name(),
                                    Tolerance.format(gap),
                                    z.density().amount(),
                                    Tolerance.format(min))));
        }
        if (gap < watchDotGapMm() - Tolerance.EPSILON) {
            return Optional.of(new Finding(
                    Limit.DOT_SPACING,
                    RiskLevel.WATCH,
                    gap,
                    min,
                    "%s on %s are %s mm apart edge to edge, near the minimum of %s mm (watched below %s mm)"
                            .formatted(
                                    dots,
                                    z.name(),
                                    Tolerance.format(gap),
                                    Tolerance.format(min),
                                    Tolerance.format(watchDotGapMm()))));
        }
        return Optional.empty();
    }

    private List<Finding> plan(ZoneStanding z) {
        List<Finding> findings = new ArrayList<>();
        ZoneStanding.Plan plan = z.plan();
        if (plan != null && plan.target() == null) {
            if (z.sessionsInCourse() > 0) {
                findings.add(new Finding(
                        Limit.TREATMENT_PLAN,
                        RiskLevel.WATCH,
                        z.sessionsInCourse(),
                        0,
                        "%s was worked in course %d but treatment plan %s leaves it out"
                                .formatted(z.name(), z.course(), plan.planId())));
            }
        } else {
            DensityFraction target = plan != null ? plan.target() : usualTarget;
            if (z.density().exceeds(target)) {
                String whose = plan != null
                        ? "the target of treatment plan " + plan.planId()
                        : "the clinic's usual target (course %d has no treatment plan)".formatted(z.course());
                findings.add(new Finding(
                        Limit.TREATMENT_PLAN,
                        RiskLevel.WATCH,
                        z.density().value(),
                        target.value(),
                        "%s is at %s of natural density, beyond %s of %s"
                                .formatted(z.name(), z.density().amount(), whose, target.amount())));
            }
        }
        if (plan != null && !z.sessionsBeyondPlanWithoutLoss().isEmpty()) {
            findings.add(new Finding(
                    Limit.TREATMENT_PLAN,
                    RiskLevel.WATCH,
                    z.sessionsInCourse(),
                    plan.plannedSessions(),
                    "%s has had %d sessions in course %d, beyond the %d of treatment plan %s with no loss observed before: %s"
                            .formatted(
                                    z.name(),
                                    z.sessionsInCourse(),
                                    z.course(),
                                    plan.plannedSessions(),
                                    plan.planId(),
                                    String.join(", ", z.sessionsBeyondPlanWithoutLoss()))));
        }
        return findings;
    }
}
