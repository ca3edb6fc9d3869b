package org.smpledger.projections.risk;

import java.time.Instant;
import java.util.List;
import org.smpledger.density.DensityMeasures;
import org.smpledger.density.ZoneDensityLedger;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.projections.ProjectionEvent;

/**
 * The events that move a client's density (those the density ledger reads: sessions, touch-ups,
 * corrections), kept in the risk record as typed events so the ledger can be folded again, up to
 * any instant, without reading the event store; it applies each correction to the event it names
 * as every reader does ({@code Correction}).
 */
final class DensityInputs {

    private DensityInputs() {}

    static boolean movesDensity(TreatmentRecordEvent event) {
        return ZoneDensityLedger.reads(event);
    }

    static StoredRisk.DensityInput input(ProjectionEvent event) {
        TreatmentRecordEvent payload = (TreatmentRecordEvent) event.payload();
        StoredRisk.DensityInput input = new StoredRisk.DensityInput(
                event.eventId(),
                event.sequence(),
                event.recordedAt(),
                payload instanceof SessionCompleted session ? session : null,
                payload instanceof TouchUpRequested touchUp ? touchUp : null,
                payload instanceof RecordCorrected correction ? correction : null);
        if (input.event() == null) {
            throw new IllegalStateException("the risk record has no place for a "
                    + payload.getClass().getSimpleName() + ", which the density ledger reads");
        }
        return input;
    }

    /** The ledger after every input recorded at or before {@code asOf} (all of them when null). */
    static ZoneDensityLedger fold(List<StoredRisk.DensityInput> inputs, Instant asOf, DensityMeasures measures) {
        ZoneDensityLedger ledger = ZoneDensityLedger.empty(measures);
        for (StoredRisk.DensityInput input : inputs) {
            if (asOf == null || !input.recordedAt().isAfter(asOf)) {
                ledger = ledger.after(input.eventId(), input.event());
            }
        }
        return ledger;
    }
}
