package org.smpledger.density;

/** A length in millimetres (needle and dot diameters, depths, the space between dots). */
public record Millimetres(double value) implements Comparable<Millimetres> {

    public Millimetres {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("millimetres must be a finite number >= 0, was " + value);
        }
    }

    public static Millimetres of(double value) {
        return new Millimetres(value);
    }

    public Millimetres larger(Millimetres other) {
        return other == null || value >= other.value ? this : other;
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
