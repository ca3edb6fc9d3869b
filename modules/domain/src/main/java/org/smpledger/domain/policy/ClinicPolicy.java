package org.smpledger.domain.policy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.smpledger.density.DensityMeasures;
import org.smpledger.density.OverLayeringLimits;
import org.smpledger.events.clinic.ClinicRules;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.AftercareIssued.Restriction;

/**
 * A clinic's rules as the domain applies them: the values a clinic adopted (or the deployment's
 * configuration, {@code smp.policy.*}), read into durations, limits and time zones, plus the
 * deployment's density measures (natural density, healed dot sizes), which are the same for every
 * clinic. Sources disagree on every number, so each is configurable; {@link #DEFAULT_RULES} holds
 * the defaults of the domain notes. Rules that do not hold together ({@link #problems}) are never a
 * policy.
 */
public record ClinicPolicy(ClinicRules rules, DensityMeasures measures) {

    /** The defaults of the domain notes (docs/domain.md lists each with its source). */
    public static final ClinicRules DEFAULT_RULES = ClinicRules.DEFAULTS;

    public static final ClinicPolicy DEFAULTS = new ClinicPolicy(DEFAULT_RULES, DensityMeasures.DEFAULT);

    /** Rules that do not hold together, each problem naming its field. */
    public static final class InvalidRules extends IllegalArgumentException {
        private final List<RuleProblem> problems;

        InvalidRules(List<RuleProblem> problems) {
            super("clinic rules do not hold together: " + problems);
            this.problems = List.copyOf(problems);
        }

        public List<RuleProblem> problems() {
            return problems;
        }
    }

    /** One value of a clinic's rules that cannot be used, by its field path ({@code density.ceiling}). */
    public record RuleProblem(String field, String message) {}

    public ClinicPolicy {
        Objects.requireNonNull(measures, "measures");
        List<RuleProblem> problems = problems(rules);
        if (!problems.isEmpty()) {
            throw new InvalidRules(problems);
        }
    }

    /** What is wrong with a set of rules, field by field; empty when they make a policy. */
    public static List<RuleProblem> problems(ClinicRules rules) {
        List<RuleProblem> problems = new ArrayList<>();
        if (rules == null) {
            problems.add(new RuleProblem("rules", "must be given"));
            return problems;
        }
        if (rules.patchTests() == null) {
            problems.add(new RuleProblem("patchTests", "must be given"));
        } else {
            atLeast(problems, "patchTests.readingDelayHours", rules.patchTests().readingDelayHours(), 0);
            atLeast(problems, "patchTests.leadTimeHours", rules.patchTests().leadTimeHours(), 0);
        }
        if (rules.sessions() == null) {
            problems.add(new RuleProblem("sessions", "must be given"));
        } else {
            atLeast(problems, "sessions.minimumDaysBetween", rules.sessions().minimumDaysBetween(), 0);
            atLeast(problems, "sessions.maxPerCourse", rules.sessions().maxPerCourse(), 1);
        }
        ClinicRules.Density density = rules.density();
        if (density == null) {
            problems.add(new RuleProblem("density", "must be given"));
        } else {
            above(problems, "density.ceiling", density.ceiling(), 0);
            above(problems, "density.usualTarget", density.usualTarget(), 0);
            above(problems, "density.maxAddedPerSession", density.maxAddedPerSession(), 0);
            if (!(Double.isFinite(density.minimumDotGapMm()) && density.minimumDotGapMm() >= 0)) {
                problems.add(new RuleProblem("density.minimumDotGapMm", "must be 0 or more"));
            }
            if (!(density.watchRatio() > 0 && density.watchRatio() <= 1)) {
                problems.add(new RuleProblem("density.watchRatio", "must be above 0 and at most 1"));
            }
            if (Double.isFinite(density.ceiling()) && density.ceiling() < density.usualTarget()) {
                problems.add(new RuleProblem(
                        "density.ceiling", "must not be below the usual target (%s)".formatted(density.usualTarget())));
            }
        }
        atLeast(problems, "minimumScarAgeMonths", rules.minimumScarAgeMonths(), 0);
        try {
            ZoneId.of(String.valueOf(rules.timeZone()));
        } catch (DateTimeException e) {
            problems.add(new RuleProblem("timeZone", "is not a time zone id such as Europe/Vienna or UTC"));
        }
        if (rules.aftercare() == null) {
            problems.add(new RuleProblem("aftercare", "must be given (may be empty)"));
        } else {
            for (int i = 0; i < rules.aftercare().size(); i++) {
                ClinicRules.AftercareDays days = rules.aftercare().get(i);
                if (days == null || days.restriction() == null) {
                    problems.add(new RuleProblem("aftercare[%d].restriction".formatted(i), "must be given"));
                } else {
                    atLeast(problems, "aftercare[%d].days".formatted(i), days.days(), 0);
                }
            }
        }
        atLeast(problems, "touchUpAfterYears", rules.touchUpAfterYears(), 1);
        if (rules.reporting() == null) {
            problems.add(new RuleProblem("reporting", "must be given"));
        } else {
            ClinicRules.Reporting reporting = rules.reporting();
            List<AdverseReactionReported.Kind> kinds = reporting.kinds() == null ? List.of() : reporting.kinds();
            atLeast(problems, "reporting.workingDays", reporting.workingDays(), kinds.isEmpty() ? 0 : 1);
        }
        return problems;
    }

    private static void atLeast(List<RuleProblem> problems, String field, int value, int least) {
        if (value < least) {
            problems.add(new RuleProblem(field, "must be %d or more, was %d".formatted(least, value)));
        }
    }

    private static void above(List<RuleProblem> problems, String field, double value, double floor) {
        if (!(Double.isFinite(value) && value > floor)) {
            problems.add(new RuleProblem(field, "must be a number above %s, was %s".formatted(floor, value)));
        }
    }

    /** This policy with some of its rules changed. */
    public ClinicPolicy with(UnaryOperator<ClinicRules> change) {
        return new ClinicPolicy(change.apply(rules), measures);
    }

    public Duration patchTestReadingDelay() {
        return Duration.ofHours(rules.patchTests().readingDelayHours());
    }

    public Duration patchTestLeadTime() {
        return Duration.ofHours(rules.patchTests().leadTimeHours());
    }

    public int minimumDaysBetweenSessions() {
        return rules.sessions().minimumDaysBetween();
    }

    public OverLayeringLimits overLayering() {
        return OverLayeringLimits.of(rules);
    }

    public int minimumScarAgeMonths() {
        return rules.minimumScarAgeMonths();
    }

    public boolean screeningRequired() {
        return rules.screeningRequired();
    }

    public ZoneId timeZone() {
        return ZoneId.of(rules.timeZone());
    }

    public Map<Restriction, Integer> aftercareDays() {
        Map<Restriction, Integer> days = new EnumMap<>(Restriction.class);
        rules.aftercare().forEach(d -> days.put(d.restriction(), d.days()));
        return days;
    }

    public SessionReadinessPolicy sessionReadiness() {
        return new SessionReadinessPolicy(this);
    }

    public PatchTestPolicy patchTests() {
        return new PatchTestPolicy(this);
    }

    public SessionIntervalPolicy sessionInterval() {
        return new SessionIntervalPolicy(this);
    }

    public LotUsabilityPolicy lotUsability() {
        return new LotUsabilityPolicy(this);
    }

    public ScarHealingPolicy scarHealing() {
        return new ScarHealingPolicy(this);
    }

    public OverLayeringPolicy overLayeringGuard() {
        return new OverLayeringPolicy(this);
    }

    public TreatmentPlanPolicy treatmentPlans() {
        return new TreatmentPlanPolicy(this);
    }
}
