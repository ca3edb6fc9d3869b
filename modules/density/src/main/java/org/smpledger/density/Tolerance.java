package org.smpledger.density;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Densities are sums of recorded decimals: compare with a tolerance, show three decimals. */
final class Tolerance {

    static final double EPSILON = 1e-9;

    private Tolerance() {}

    static String format(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value)
                .setScale(3, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    static double round(double value) {
        if (!Double.isFinite(value)) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).doubleValue();
    }
}
