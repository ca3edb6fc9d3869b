package org.smpledger.events.treatment;

import java.time.Instant;
import org.smpledger.events.EventType;
import org.smpledger.events.Identifying;
import org.smpledger.events.PersonalData;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/** A client's treatment record is opened. The first event of every client stream. */
@EventType(name = "ClientRegistered", stream = StreamType.TREATMENT_RECORD)
public record ClientRegistered(
        @RecordId String clientId,
        @Identifying String clinicId,
        @PersonalData PersonalDetails personalDetails,
        Instant registeredAt)
        implements TreatmentRecordEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
