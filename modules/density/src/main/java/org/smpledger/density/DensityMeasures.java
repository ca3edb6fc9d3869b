package org.smpledger.density;

import java.util.Optional;
import org.smpledger.events.treatment.SessionCompleted;

/**
 * How the deployment measures density and dots, the same for every clinic: the natural follicle
 * density fractions are counted against, and how large dots heal for each needle grouping.
 */
public record DensityMeasures(NaturalDensity naturalDensity, HealedDotSizes dotSizes) {

    public static final DensityMeasures DEFAULT = new DensityMeasures(NaturalDensity.DEFAULT, HealedDotSizes.DEFAULT);

    /** The density one zone's work added: its fraction, or its dots per cm2 counted against natural density. */
    public DensityFraction doseOf(SessionCompleted.ZoneWork work) {
        return ZoneDensityLedger.doseOf(work.densityAddedFraction(), work.dotsPerCm2(), naturalDensity);
    }

    /** The healed size of the dots one zone's work made. */
    public Optional<Millimetres> healedDotOf(SessionCompleted.ZoneWork work) {
        return dotSizes.healedDiameter(work.needleCount(), work.needleDiameterMm());
    }
}
