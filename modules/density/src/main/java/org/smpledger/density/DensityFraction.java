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
        return new DensityFraction(value + other.value);
    }

    public boolean exceeds(DensityFraction other) {
        return value > other.value + Tolerance.EPSILON;
    }

    @Override
    public int compareTo(DensityFraction other) {
        return Double.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Tolerance.format(value) + " of natural density";
    }
}
