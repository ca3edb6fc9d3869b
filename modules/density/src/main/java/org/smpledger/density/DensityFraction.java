package org.smpledger.density;

/** Dot density as a fraction of natural follicle density: 1.0 reads as a full head of shaved hair. */
public record DensityFraction(double value) implements Comparable<DensityFraction> {

    public static final DensityFraction NONE = new DensityFraction(0);

    public DensityFraction {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("density fraction must be a finite number >= 0, was " + value);
        }
    }

    public static DensityFraction of(double value) {
        return new DensityFraction(value);
    }

    public DensityFraction plus(DensityFraction other) {
        return new DensityFraction(Tolerance.round(value + other.value));
    }

    /** What is left after taking {@code other} away; never below zero. */
    public DensityFraction minus(DensityFraction other) {
        return new DensityFraction(Math.max(0, Tolerance.round(value - other.value)));
    }

    public DensityFraction times(double share) {
        return new DensityFraction(Tolerance.round(value * share));
    }

    public boolean exceeds(DensityFraction other) {
        return value > other.value + Tolerance.EPSILON;
    }

    public boolean isNone() {
        return value <= Tolerance.EPSILON;
    }

    @Override
    public int compareTo(DensityFraction other) {
        return Double.compare(value, other.value);
    }

    /** The number alone, as explanations write it: {@code 0.75}, {@code 1}. */
    public String amount() {
        return Tolerance.format(value);
    }

    @Override
    public String toString() {
        return amount() + " of natural density";
    }
}
