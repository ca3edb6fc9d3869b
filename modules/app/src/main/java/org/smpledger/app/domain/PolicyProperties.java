package org.smpledger.app.domain;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smpledger.density.DensityMeasures;
import org.smpledger.density.DotsPerCm2;
import org.smpledger.density.HealedDotSizes;
import org.smpledger.density.NaturalDensity;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.events.clinic.ClinicRules;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.AftercareIssued.Restriction;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deployment's rules, {@code smp.policy.*}: the policy of every clinic that has not adopted one
 * of its own, and the density measures (natural density, healed dot sizes) every clinic shares.
 * The defaults here and in application.yml are those of the domain notes (docs/domain.md lists each
 * with its source).
 */
@ConfigurationProperties("smp.policy")
public record PolicyProperties(
        @DefaultValue PatchTest patchTest,
        @DefaultValue Sessions sessions,
        @DefaultValue Density density,
        @DefaultValue("9") int minimumScarAgeMonths,
        @DefaultValue("true") boolean screeningRequired,
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue Aftercare aftercare,
        @DefaultValue TouchUps touchUps,
        @DefaultValue Reporting reporting) {

    public record PatchTest(
            @DefaultValue("48h") Duration readingDelay,
            @DefaultValue("48h") Duration leadTime) {}

    public record Sessions(
            @DefaultValue("7") int minimumDaysBetween,
            @DefaultValue("4") int maxPerCourse) {}

    /** A touch-up is due this many years after the last session of a course (sources: 2-6). */
    public record TouchUps(@DefaultValue("3") int afterYears) {}

    /**
     * Over-layering limits and the deployment's density measures. {@code healedDotSizes}: needles
     * in the grouping to the healed dot's diameter as a multiple of the needle diameter (empty: the
     * defaults of {@link HealedDotSizes#DEFAULT}).
     */
    public record Density(
            @DefaultValue("1.0") double ceiling,
            @DefaultValue("1.0") double usualTarget,
            @DefaultValue("0.5") double maxAddedPerSession,
            @DefaultValue("0.5") double minimumDotGapMm,
            @DefaultValue("0.85") double watchRatio,
            @DefaultValue("90") double naturalDotsPerCm2,
            Map<Integer, Double> healedDotSizes) {}

    public record Aftercare(
            @DefaultValue("5") int noWettingDays,
            @DefaultValue("7") int noGymDays,
            @DefaultValue("28") int noSunDays,
            @DefaultValue("30") int noSwimmingDays) {}

    /**
     * Adverse-reaction reporting: the deployment's jurisdiction, and per jurisdiction which kinds of
     * reaction are reported within how many working days (empty: Texas, 5 working days, allergic
     * reactions and infections).
     */
    public record Reporting(@DefaultValue("US-TX") String jurisdiction, Map<String, Jurisdiction> jurisdictions) {

        public record Jurisdiction(int workingDays, List<AdverseReactionReported.Kind> kinds) {}

        Map<String, Jurisdiction> table() {
            return jurisdictions == null || jurisdictions.isEmpty()
                    ? Map.of(
                            "US-TX",
                            new Jurisdiction(
                                    5,
                                    List.of(
                                            AdverseReactionReported.Kind.ALLERGIC,
                                            AdverseReactionReported.Kind.INFECTION)))
                    : jurisdictions;
        }
    }

    /** The reporting rule configured for a jurisdiction; empty when the deployment knows none. */
    public Optional<ClinicRules.Reporting> reportingIn(String jurisdiction) {
        return Optional.ofNullable(reporting.table().get(jurisdiction))
                .map(rule -> new ClinicRules.Reporting(
                        jurisdiction,
                        rule.workingDays(),
                        rule.kinds() == null ? List.of() : List.copyOf(rule.kinds())));
    }

    /** The rules of a clinic without a policy of its own. */
    public ClinicRules deploymentRules() {
        return new ClinicRules(
                new ClinicRules.PatchTests(
                        wholeHours("patch-test.reading-delay", patchTest.readingDelay()),
                        wholeHours("patch-test.lead-time", patchTest.leadTime())),
                new ClinicRules.Sessions(sessions.minimumDaysBetween(), sessions.maxPerCourse()),
                new ClinicRules.Density(
                        density.ceiling(),
                        density.usualTarget(),
                        density.maxAddedPerSession(),
                        density.minimumDotGapMm(),
                        density.watchRatio()),
                minimumScarAgeMonths,
                screeningRequired,
                timeZone.getId(),
                List.of(
                        new ClinicRules.AftercareDays(Restriction.NO_WETTING, aftercare.noWettingDays()),
                        new ClinicRules.AftercareDays(Restriction.NO_GYM, aftercare.noGymDays()),
                        new ClinicRules.AftercareDays(Restriction.NO_SUN, aftercare.noSunDays()),
                        new ClinicRules.AftercareDays(Restriction.NO_SWIMMING, aftercare.noSwimmingDays())),
                touchUps.afterYears(),
                reportingIn(reporting.jurisdiction())
                        .orElse(new ClinicRules.Reporting(reporting.jurisdiction(), 0, List.of())));
    }

    public DensityMeasures measures() {
        return new DensityMeasures(
                new NaturalDensity(new DotsPerCm2(density.naturalDotsPerCm2())),
                density.healedDotSizes() == null || density.healedDotSizes().isEmpty()
                        ? HealedDotSizes.DEFAULT
                        : new HealedDotSizes(density.healedDotSizes()));
    }

    /** The deployment's policy; fails at start-up, naming the keys, when its values do not hold together. */
    public ClinicPolicy toClinicPolicy() {
        ClinicRules rules = deploymentRules();
        List<ClinicPolicy.RuleProblem> problems = ClinicPolicy.problems(rules);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("smp.policy does not hold together: "
                    + String.join(
                            "; ",
                            problems.stream()
                                    .map(p -> p.field() + " " + p.message())
                                    .toList()));
        }
        return new ClinicPolicy(rules, measures());
    }

    private static int wholeHours(String key, Duration duration) {
        if (duration.isNegative() || duration.toSeconds() % 3600 != 0) {
            throw new IllegalStateException("smp.policy." + key + " must be whole hours, not negative: " + duration);
        }
        return Math.toIntExact(duration.toHours());
    }
}
