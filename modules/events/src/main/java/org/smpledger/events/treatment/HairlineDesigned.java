package org.smpledger.events.treatment;

import java.time.Instant;
import java.util.List;
import org.smpledger.events.EventType;
import org.smpledger.events.FreeText;
import org.smpledger.events.Identifying;
import org.smpledger.events.PersonalData;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/** The agreed hairline and the zones the course will pigment. */
@EventType(name = "HairlineDesigned", stream = StreamType.TREATMENT_RECORD)
public record HairlineDesigned(
        @Identifying String clientId,
        @RecordId String designId,
        Instant designedAt,
        String practitionerId,
        @FreeText String style,
        @PersonalData String description,
        List<ScalpZone> plannedZones,
        @PersonalData String approvedByClient)
        implements TreatmentRecordEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
