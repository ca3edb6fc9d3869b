package org.smpledger.app.projections;

import org.smpledger.density.DensityFraction;
import org.smpledger.density.DotsPerCm2;
import org.smpledger.density.Millimetres;
import org.smpledger.density.NaturalDensity;
import org.smpledger.density.OverLayeringLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The clinic rules the projections apply, read from the same {@code smp.policy.*} keys the
 * domain's guard binds, so risk flags and refusals use the same limits.
 */
@ConfigurationProperties("smp.policy")
public record ProjectionPolicyProperties(@DefaultValue Sessions sessions, @DefaultValue Density density) {

    public record Sessions(@DefaultValue("7") int minimumDaysBetween, @DefaultValue("4") int maxPerCourse) {
    }

    public record Density(@DefaultValue("1.0") double ceiling, @DefaultValue("90") double naturalDotsPerCm2,
                          @DefaultValue("1.0") double minimumMeanDotSpacingMm, @DefaultValue("0.85") double watchRatio) {
    }

    public OverLayeringLimits overLayeringLimits() {
        return new OverLayeringLimits(DensityFraction.of(density.ceiling()), sessions.maxPerCourse(),
                Millimetres.of(density.minimumMeanDotSpacingMm()), density.watchRatio(),
                new NaturalDensity(new DotsPerCm2(density.naturalDotsPerCm2())));
    }
}
