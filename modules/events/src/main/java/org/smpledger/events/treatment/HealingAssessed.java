package org.smpledger.events.treatment;

import java.time.Instant;
import java.util.List;
import org.smpledger.events.EventType;
import org.smpledger.events.HealthData;
import org.smpledger.events.Identifying;
import org.smpledger.events.PersonalData;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/** A healing check after a session, with what was seen on each zone. */
@EventType(name = "HealingAssessed", stream = StreamType.TREATMENT_RECORD)
public record HealingAssessed(
        @Identifying String clientId,
        @RecordId String assessmentId,
        String sessionId,
        Instant assessedAt,
        String practitionerId,
        @HealthData Outcome outcome,
        @HealthData List<ZoneObservation> observations,
        @PersonalData String notes)
        implements TreatmentRecordEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public enum Outcome {
        AS_EXPECTED,
        DELAYED,
        COMPLICATION
    }

    public record ZoneObservation(ScalpZone zone, Observation observation) {}

    public enum Observation {
        HEALED_WELL,
        FADING,
        PATCHY,
        BLOWOUT,
        HALO,
        MIGRATION,
        BLURRING,
        DISCOLOURATION,
        SCABBING,
        REDNESS
    }
}
