package org.smpledger.cli;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.smpledger.density.DensityMeasures;
import org.smpledger.density.DotsPerCm2;
import org.smpledger.density.NaturalDensity;
import org.smpledger.density.OverLayeringLimits;
import org.smpledger.events.clinic.ClinicRules;
import picocli.CommandLine.Option;

/**
 * The deployment's rules, as the service's {@code smp.policy.*} settings: the policy of every clinic
 * that adopted none of its own (adopted policies are read from the log). The defaults are the
 * service's; give the deployment's values when it configured others.
 */
public final class LimitOptions {

    @Option(names = "--density-ceiling", paramLabel = "FRACTION", description = "smp.policy.density.ceiling (1.0)")
    Double ceiling;

    @Option(names = "--usual-target", paramLabel = "FRACTION", description = "smp.policy.density.usual-target (1.0)")
    Double usualTarget;

    @Option(
            names = "--max-added-per-session",
            paramLabel = "FRACTION",
            description = "smp.policy.density.max-added-per-session (0.5)")
    Double maxAddedPerSession;

    @Option(
            names = "--max-sessions-per-course",
            paramLabel = "N",
            description = "smp.policy.sessions.max-per-course (4)")
    Integer maxSessions;

    @Option(
            names = "--minimum-days-between",
            paramLabel = "DAYS",
            description = "smp.policy.sessions.minimum-days-between (7)")
    Integer minimumDaysBetween;

    @Option(
            names = "--minimum-dot-gap-mm",
            paramLabel = "MM",
            description = "smp.policy.density.minimum-dot-gap-mm (0.5)")
    Double dotGap;

    @Option(names = "--watch-ratio", paramLabel = "RATIO", description = "smp.policy.density.watch-ratio (0.85)")
    Double watchRatio;

    @Option(names = "--time-zone", paramLabel = "ZONE", description = "smp.policy.time-zone (UTC)")
    String timeZone;

    @Option(
            names = "--natural-dots-per-cm2",
            paramLabel = "N",
            description = "smp.policy.density.natural-dots-per-cm2 (90)")
    Double naturalDots;

    /** The deployment's rules; a one-line usage error when they do not hold together. */
    public ClinicRules deploymentRules() {
        ClinicRules d = ClinicRules.DEFAULTS;
        ClinicRules.Density density = d.density();
        try {
            ClinicRules rules = d.withDensity(new ClinicRules.Density(
                            ceiling == null ? density.ceiling() : ceiling,
                            usualTarget == null ? density.usualTarget() : usualTarget,
                            maxAddedPerSession == null ? density.maxAddedPerSession() : maxAddedPerSession,
                            dotGap == null ? density.minimumDotGapMm() : dotGap,
                            watchRatio == null ? density.watchRatio() : watchRatio))
                    .withSessions(new ClinicRules.Sessions(
                            minimumDaysBetween == null ? d.sessions().minimumDaysBetween() : minimumDaysBetween,
                            maxSessions == null ? d.sessions().maxPerCourse() : maxSessions));
            if (rules.sessions().minimumDaysBetween() < 0) {
                throw new IllegalArgumentException("--minimum-days-between must not be negative");
            }
            if (timeZone != null) {
                ZoneId.of(timeZone);
                rules = new ClinicRules(
                        rules.patchTests(),
                        rules.sessions(),
                        rules.density(),
                        rules.minimumScarAgeMonths(),
                        rules.screeningRequired(),
                        timeZone,
                        rules.aftercare(),
                        rules.touchUpAfterYears(),
                        rules.reporting());
            }
            OverLayeringLimits.of(rules);
            return rules;
        } catch (DateTimeException e) {
            throw CliFailure.usage("--time-zone: not a time zone: " + timeZone);
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage(e.getMessage());
        }
    }

    /** The deployment's density measures (natural density; healed dot sizes: the service's defaults). */
    public DensityMeasures measures() {
        try {
            return naturalDots == null
                    ? DensityMeasures.DEFAULT
                    : new DensityMeasures(
                            new NaturalDensity(new DotsPerCm2(naturalDots)), DensityMeasures.DEFAULT.dotSizes());
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage(e.getMessage());
        }
    }
}
