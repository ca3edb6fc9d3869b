package org.smpledger.events.lot;

import org.smpledger.events.SmpEvent;

/** An event in one pigment lot's stream. The stream id is the lot id. */
public sealed interface PigmentLotEvent extends SmpEvent permits PigmentLotReceived, PigmentLotRecalled {

    String lotId();

    @Override
    default String streamId() {
        return lotId();
    }

    /** Calls the visitor's method for this event's type. */
    <R> R accept(Visitor<R> visitor);

    /** One method per pigment-lot event type: see {@code TreatmentRecordEvent.Visitor}. */
    interface Visitor<R> {
        R visit(PigmentLotReceived event);

        R visit(PigmentLotRecalled event);
    }
}
