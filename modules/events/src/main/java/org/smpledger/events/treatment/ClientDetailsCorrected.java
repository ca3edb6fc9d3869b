package org.smpledger.events.treatment;

import org.smpledger.events.EventType;
import org.smpledger.events.PersonalData;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/** The client's personal details as they should have been (a typo fixed, a new phone). */
@EventType(name = "ClientDetailsCorrected", stream = StreamType.TREATMENT_RECORD)
public record ClientDetailsCorrected(
        @RecordId String clientId,
        @PersonalData PersonalDetails personalDetails,
        @PersonalData String reason) implements TreatmentRecordEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
