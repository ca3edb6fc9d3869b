package org.smpledger.events.treatment;

import java.time.Instant;
import org.smpledger.events.EventType;
import org.smpledger.events.Identifying;
import org.smpledger.events.PersonalData;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/** The client signed the clinic's consent form; {@code documentRef} points at the signed copy. */
@EventType(name = "ConsentSigned", stream = StreamType.TREATMENT_RECORD)
public record ConsentSigned(
        @Identifying String clientId,
        @RecordId String consentId,
        Instant signedAt,
        String formVersion,
        @PersonalData String documentRef,
        String witnessedBy)
        implements TreatmentRecordEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
