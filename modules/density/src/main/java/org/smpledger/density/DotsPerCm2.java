package org.smpledger.density;

/** Dots (impressions) per square centimetre of scalp. */
public record DotsPerCm2(double value) {

    public DotsPerCm2 {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("dots per cm2 must be a finite number >= 0, was " + value);
        }
    }

    @Override
    public String toString() {
        return Tolerance.format(value) + " dots/cm2";
    }
}
