package org.smpledger.events.treatment;

import java.time.Instant;
import java.util.List;
import org.smpledger.events.EventType;
import org.smpledger.events.HealthData;
import org.smpledger.events.Identifying;
import org.smpledger.events.NotNegative;
import org.smpledger.events.PersonalData;
import org.smpledger.events.Proportion;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/**
 * A healing check after a session, with what was seen on each zone. An observation may also say
 * how much density the zone kept: {@code retainedFraction} (0 to 1), the share of what the course
 * had put there that is still there, or {@code observedDensity}, the density now seen as a fraction
 * of natural density (at most one of the two; both null when nothing was measured, and then nothing
 * is taken as lost).
 */
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

    public record ZoneObservation(
            ScalpZone zone,
            Observation observation,
            @Proportion Double retainedFraction,
            @NotNegative Double observedDensity) {}

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
