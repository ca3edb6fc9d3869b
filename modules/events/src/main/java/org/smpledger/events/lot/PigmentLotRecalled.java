package org.smpledger.events.lot;

import java.time.Instant;
import org.smpledger.events.EventType;
import org.smpledger.events.FreeText;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/** A lot is withdrawn (manufacturer or authority recall); it may no longer be used. */
@EventType(name = "PigmentLotRecalled", stream = StreamType.PIGMENT_LOT)
public record PigmentLotRecalled(
        @RecordId String lotId,
        @FreeText String reason,
        Instant recalledAt,
        String recalledBy,
        @FreeText String authorityReference)
        implements PigmentLotEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
