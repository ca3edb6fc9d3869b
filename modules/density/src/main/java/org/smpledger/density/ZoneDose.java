package org.smpledger.density;

import org.smpledger.events.treatment.ScalpZone;

/** The density one session added to one zone. */
public record ZoneDose(ScalpZone zone, DensityFraction added) {}
