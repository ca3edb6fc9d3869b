package org.smpledger.events.treatment;

import java.time.Instant;
import java.util.List;
import org.smpledger.events.EventType;
import org.smpledger.events.StreamType;

/**
 * A touch-up is asked for, opening a new course of sessions. {@code retainedDensity} (may be
 * empty) estimates per zone how much of natural density the faded work still shows.
 */
@EventType(name = "TouchUpRequested", stream = StreamType.TREATMENT_RECORD)
public record TouchUpRequested(
        String clientId,
        String touchUpId,
        Instant requestedAt,
        Reason reason,
        List<ScalpZone> zones,
        String requestedBy,
        List<RetainedDensity> retainedDensity,
        String notes)
        implements TreatmentRecordEvent {

    public enum Reason {
        FADING,
        UNEVEN_HEALING,
        SCAR_ABSORPTION,
        COLOUR_CHANGE,
        CLIENT_REQUEST,
        OTHER
    }

    public record RetainedDensity(ScalpZone zone, double fraction) {}
}
