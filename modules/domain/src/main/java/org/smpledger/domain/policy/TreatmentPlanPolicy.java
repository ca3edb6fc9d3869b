package org.smpledger.domain.policy;

import static org.smpledger.domain.recording.RuleViolation.numbers;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.smpledger.density.DensityFraction;
import org.smpledger.density.OverLayeringLimits;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.TreatmentPlanned.ZoneTarget;

/**
 * A treatment plan names at least one session and one zone, each zone once with a target above
 * zero, and may not foresee passing the clinic's limits: no target above the density ceiling, no
 * more sessions than a course allows.
 */
public final class TreatmentPlanPolicy {

    private final ClinicPolicy policy;

    TreatmentPlanPolicy(ClinicPolicy policy) {
        this.policy = policy;
    }

    public void check(int plannedSessions, List<ZoneTarget> targets) {
        OverLayeringLimits limits = policy.overLayering();
        if (plannedSessions < 1) {
            throw RuleViolation.refused(
                    "plan-without-sessions",
                    "A treatment plan foresees at least one session.",
                    numbers("plannedSessions", plannedSessions));
        }
        if (plannedSessions > limits.maxSessionsPerCourse()) {
            throw RuleViolation.refused(
                    "plan-sessions-above-limit",
                    "The plan foresees %d sessions; the clinic allows %d per course without a reason for each extra one."
                            .formatted(plannedSessions, limits.maxSessionsPerCourse()),
                    numbers("plannedSessions", plannedSessions, "limit", limits.maxSessionsPerCourse()));
        }
        if (targets == null || targets.isEmpty()) {
            throw RuleViolation.refused(
                    "plan-without-targets", "A treatment plan sets a target density for at least one zone.", numbers());
        }
        Set<ScalpZone> seen = EnumSet.noneOf(ScalpZone.class);
        for (ZoneTarget target : targets) {
            if (target == null || target.zone() == null || !seen.add(target.zone())) {
                throw RuleViolation.refused(
                        "plan-target-invalid",
                        "Each zone of a plan is named once.",
                        numbers("zone", target == null ? null : String.valueOf(target.zone())));
            }
            if (!(target.targetDensity() > 0)) {
                throw RuleViolation.refused(
                        "plan-target-invalid",
                        "The target for %s must be above zero.".formatted(zone(target.zone())),
                        numbers("zone", target.zone().name(), "targetDensity", target.targetDensity()));
            }
            if (DensityFraction.of(target.targetDensity()).exceeds(limits.densityCeiling())) {
                throw RuleViolation.refused(
                        "plan-target-above-ceiling",
                        "The target of %s for %s is above the clinic's ceiling of %s."
                                .formatted(
                                        DensityFraction.of(target.targetDensity())
                                                .amount(),
                                        zone(target.zone()),
                                        limits.densityCeiling().amount()),
                        numbers(
                                "zone",
                                target.zone().name(),
                                "targetDensity",
                                target.targetDensity(),
                                "ceiling",
                                limits.densityCeiling().value()));
            }
        }
    }

    private static String zone(ScalpZone zone) {
        return zone.name().toLowerCase().replace('_', '-');
    }
}
