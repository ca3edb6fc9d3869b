package org.smpledger.density;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How large a dot heals, as a multiple of the needle diameter, per needle grouping (1, 3, 5, 7
 * needles). A single needle of 0.18-0.25 mm heals to a dot of about 0.1-0.15 mm (0.6 times its
 * diameter); a round grouping spans 2.15 (3 needles), 2.7 (5) or 3 (7) needle diameters, so its dot
 * heals to about that span times 0.6. A grouping not listed takes the next larger listed one
 * (the larger dot is the safe side), or the largest listed.
 */
public record HealedDotSizes(Map<Integer, Double> timesNeedleDiameter) {

    public static final HealedDotSizes DEFAULT = new HealedDotSizes(Map.of(1, 0.6, 3, 1.3, 5, 1.6, 7, 1.8));

    public HealedDotSizes {
        if (timesNeedleDiameter == null || timesNeedleDiameter.isEmpty()) {
            throw new IllegalArgumentException("at least one needle grouping needs a healed dot size");
        }
        timesNeedleDiameter.forEach((needles, times) -> {
            if (needles == null || needles < 1 || times == null || !Double.isFinite(times) || times <= 0) {
                throw new IllegalArgumentException(
                        "a needle grouping of at least 1 needle heals to a dot above zero, got %s: %s"
                                .formatted(needles, times));
            }
        });
        timesNeedleDiameter = Map.copyOf(new TreeMap<>(timesNeedleDiameter));
    }

    /** The healed diameter of a dot made by this grouping; empty when the grouping or diameter is not known. */
    public Optional<Millimetres> healedDiameter(int needleCount, double needleDiameterMm) {
        if (needleCount < 1 || !Double.isFinite(needleDiameterMm) || needleDiameterMm <= 0) {
            return Optional.empty();
        }
        TreeMap<Integer, Double> sorted = new TreeMap<>(timesNeedleDiameter);
        Map.Entry<Integer, Double> grouping = sorted.ceilingEntry(needleCount);
        double times = (grouping != null ? grouping : sorted.lastEntry()).getValue();
        return Optional.of(Millimetres.of(Tolerance.round(times * needleDiameterMm)));
    }
}
