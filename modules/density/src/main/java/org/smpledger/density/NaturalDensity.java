package org.smpledger.density;

/**
 * The natural follicle density the clinic measures against (sources give 80-100 per cm2). Turns
 * dot counts into fractions and fractions into the implied mean spacing between dot centres.
 */
public record NaturalDensity(DotsPerCm2 dotsPerCm2) {

    public static final NaturalDensity DEFAULT = new NaturalDensity(new DotsPerCm2(90));

    public NaturalDensity {
        if (dotsPerCm2.value() <= 0) {
            throw new IllegalArgumentException("natural density must be above zero");
        }
    }

    public DensityFraction fractionOf(DotsPerCm2 dots) {
        return new DensityFraction(dots.value() / dotsPerCm2.value());
    }

    public DotsPerCm2 dotsAt(DensityFraction fraction) {
        return new DotsPerCm2(fraction.value() * dotsPerCm2.value());
    }

    /**
     * Mean distance between neighbouring dot centres at this density, 1/sqrt(dots per mm2); empty
     * scalp has no spacing to speak of and reports {@link Double#POSITIVE_INFINITY}.
     */
    public double meanSpacingMmAt(DensityFraction fraction) {
        double perMm2 = dotsAt(fraction).value() / 100.0;
        return perMm2 <= 0 ? Double.POSITIVE_INFINITY : 1.0 / Math.sqrt(perMm2);
    }
}
