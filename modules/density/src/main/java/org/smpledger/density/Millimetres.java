package org.smpledger.density;

/** A length in millimetres (needle diameters, depths, dot spacing). */
public record Millimetres(double value) implements Comparable<Millimetres> {

    public Millimetres {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("millimetres must be a finite number >= 0, was " + value);
        }
    }

    public static Millimetres of(double value) {
        return new Millimetres(value);
    }

    @Override
    public int compareTo(Millimetres other) {
        return Double.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Tolerance.format(value) + " mm";
    }
}
