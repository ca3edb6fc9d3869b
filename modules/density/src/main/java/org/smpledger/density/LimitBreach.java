package org.smpledger.density;

import org.smpledger.events.treatment.ScalpZone;

/** A limit a proposed session would take a zone past. */
public record LimitBreach(ScalpZone zone, Limit limit, double wouldBe, double limitValue, String explanation) {}
