package org.smpledger.domain.treatment;

import org.smpledger.density.DensityMeasures;
import org.smpledger.density.ZoneAssessment;
import org.smpledger.density.ZoneDensityLedger;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/** How a zone stands after a record's events, folded through the ledger the risk projection folds. */
final class Levels {

    private Levels() {}

    static ZoneAssessment of(ScalpZone zone, Object... events) {
        ZoneDensityLedger ledger = ZoneDensityLedger.empty(DensityMeasures.DEFAULT);
        int n = 0;
        for (Object event : events) {
            if (event instanceof TreatmentRecordEvent recorded) {
                ledger = ledger.after("e" + ++n, recorded);
            }
        }
        return ledger.assess(zone, ClinicPolicy.DEFAULTS.overLayering(), "the deployment's default policy (v0)");
    }

    static Object[] and(Object[] events, Object... more) {
        Object[] all = new Object[events.length + more.length];
        System.arraycopy(events, 0, all, 0, events.length);
        System.arraycopy(more, 0, all, events.length, more.length);
        return all;
    }
}
