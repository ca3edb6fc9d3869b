package org.smpledger.events.lot;

import org.smpledger.events.SmpEvent;

/** An event in one pigment lot's stream. The stream id is the lot id. */
public sealed interface PigmentLotEvent extends SmpEvent permits PigmentLotReceived, PigmentLotRecalled {

    String lotId();

    @Override
    default String streamId() {
        return lotId();
    }
}
