package org.smpledger.events.treatment;

import java.util.Map;
import org.smpledger.events.CorrectedValues;
import org.smpledger.events.EventType;
import org.smpledger.events.Identifying;
import org.smpledger.events.PersonalData;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/**
 * Fixes a mistake in an earlier event of the same record, which stays as it was. {@code changes}
 * maps field paths of the corrected event (e.g. {@code zoneWork[1].densityAddedFraction}) to their
 * corrected values, as text; {@code voided} marks the whole event as entered in error. The reason is
 * in the staff's words about this client's record, so it may name or describe the client: personal data.
 */
@EventType(name = "RecordCorrected", stream = StreamType.TREATMENT_RECORD)
public record RecordCorrected(
        @Identifying String clientId,
        @RecordId String correctionId,
        String correctedEventId,
        String correctedEventType,
        @PersonalData String reason,
        @CorrectedValues Map<String, String> changes,
        boolean voided)
        implements TreatmentRecordEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
