package org.smpledger.events.treatment;

import java.time.Instant;
import java.util.List;
import org.smpledger.events.EventType;
import org.smpledger.events.Identifying;
import org.smpledger.events.NotNegative;
import org.smpledger.events.PersonalData;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/**
 * A touch-up is asked for, opening a new course of sessions. {@code retainedDensity} (may be
 * empty) estimates per zone how much of natural density the faded work still shows.
 */
@EventType(name = "TouchUpRequested", stream = StreamType.TREATMENT_RECORD)
public record TouchUpRequested(
        @Identifying String clientId,
        @RecordId String touchUpId,
        Instant requestedAt,
        Reason reason,
        List<ScalpZone> zones,
        String requestedBy,
        List<RetainedDensity> retainedDensity,
        @PersonalData String notes)
        implements TreatmentRecordEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public enum Reason {
        FADING,
        UNEVEN_HEALING,
        SCAR_ABSORPTION,
        COLOUR_CHANGE,
        CLIENT_REQUEST,
        OTHER
    }

    public record RetainedDensity(
            ScalpZone zone, @NotNegative double fraction) {}
}
