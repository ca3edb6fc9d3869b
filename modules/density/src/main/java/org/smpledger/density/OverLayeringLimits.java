package org.smpledger.density;

/**
 * When a zone counts as over-layered. A zone is at {@link RiskLevel#HIGH} past any limit and at
 * {@link RiskLevel#WATCH} when it reaches {@code watchRatio} of the density ceiling, the last
 * allowed session of the course, or a spacing within {@code watchRatio} of the minimum.
 */
public record OverLayeringLimits(
        DensityFraction densityCeiling,
        int maxSessionsPerCourse,
        Millimetres minMeanDotSpacing,
        double watchRatio,
        NaturalDensity naturalDensity) {

    public static final OverLayeringLimits DEFAULT =
            new OverLayeringLimits(DensityFraction.of(1.0), 4, Millimetres.of(1.0), 0.85, NaturalDensity.DEFAULT);

    public OverLayeringLimits {
        if (densityCeiling.value() <= 0) {
            throw new IllegalArgumentException("density ceiling must be above zero");
        }
        if (maxSessionsPerCourse < 1) {
            throw new IllegalArgumentException("at least one session per course must be allowed");
        }
        if (!(watchRatio > 0 && watchRatio <= 1)) {
            throw new IllegalArgumentException("watch ratio must be in (0, 1], was " + watchRatio);
        }
    }

    /** The density at which dots sit exactly {@link #minMeanDotSpacing} apart. */
    DensityFraction densityAtMinimumSpacing() {
        double spacing = minMeanDotSpacing.value();
        if (spacing <= 0) {
            return new DensityFraction(Double.MAX_VALUE);
        }
        double dotsPerCm2 = 100.0 / (spacing * spacing);
        return naturalDensity.fractionOf(new DotsPerCm2(dotsPerCm2));
    }
}
