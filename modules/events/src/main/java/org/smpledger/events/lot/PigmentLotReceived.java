package org.smpledger.events.lot;

import java.time.Instant;
import java.time.LocalDate;
import org.smpledger.events.EventType;
import org.smpledger.events.Identifying;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/**
 * A pigment lot arrives at the clinic. {@code batchNumber} is the manufacturer's; {@code reachLabelled}
 * says the label carries the information EU REACH Annex XVII entry 75 requires.
 */
@EventType(name = "PigmentLotReceived", stream = StreamType.PIGMENT_LOT)
public record PigmentLotReceived(
        @RecordId String lotId,
        @Identifying String clinicId,
        String brand,
        String shade,
        String batchNumber,
        LocalDate expiresOn,
        boolean reachLabelled,
        Instant receivedAt,
        String receivedBy)
        implements PigmentLotEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
