package org.smpledger.cli;

import org.smpledger.density.DensityFraction;
import org.smpledger.density.DotsPerCm2;
import org.smpledger.density.Millimetres;
import org.smpledger.density.NaturalDensity;
import org.smpledger.density.OverLayeringLimits;
import picocli.CommandLine.Option;

/**
 * The over-layering limits, as the service's {@code smp.policy.*} settings: the defaults are the
 * service's; give the clinic's values when it configured others.
 */
public final class LimitOptions {

    @Option(names = "--density-ceiling", paramLabel = "FRACTION", description = "smp.policy.density.ceiling (1.0)")
    Double ceiling;

    @Option(
            names = "--max-sessions-per-course",
            paramLabel = "N",
            description = "smp.policy.sessions.max-per-course (4)")
    Integer maxSessions;

    @Option(
            names = "--minimum-dot-spacing-mm",
            paramLabel = "MM",
            description = "smp.policy.density.minimum-mean-dot-spacing-mm (1.0)")
    Double spacing;

    @Option(names = "--watch-ratio", paramLabel = "RATIO", description = "smp.policy.density.watch-ratio (0.85)")
    Double watchRatio;

    @Option(
            names = "--natural-dots-per-cm2",
            paramLabel = "N",
            description = "smp.policy.density.natural-dots-per-cm2 (90)")
    Double naturalDots;

    public OverLayeringLimits limits() {
        OverLayeringLimits d = OverLayeringLimits.DEFAULT;
        try {
            return new OverLayeringLimits(
                    ceiling == null ? d.densityCeiling() : DensityFraction.of(ceiling),
                    maxSessions == null ? d.maxSessionsPerCourse() : maxSessions,
                    spacing == null ? d.minMeanDotSpacing() : Millimetres.of(spacing),
                    watchRatio == null ? d.watchRatio() : watchRatio,
                    naturalDots == null ? d.naturalDensity() : new NaturalDensity(new DotsPerCm2(naturalDots)));
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage(e.getMessage());
        }
    }
}
