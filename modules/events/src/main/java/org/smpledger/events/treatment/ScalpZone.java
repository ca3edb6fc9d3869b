package org.smpledger.events.treatment;

/** Areas of the scalp that are designed, pigmented and assessed separately. */
public enum ScalpZone {
    HAIRLINE,
    TEMPLES,
    MID_SCALP,
    CROWN,
    DONOR,
    SCAR
}
