package org.smpledger.density;

/** How crowded a zone's dots are. Ordered from best to worst. */
public enum RiskLevel {
    OK,
    WATCH,
    HIGH;

    public RiskLevel worse(RiskLevel other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
