package org.smpledger.events.treatment;

import java.time.Instant;
import java.util.List;
import org.smpledger.events.EventType;
import org.smpledger.events.HealthData;
import org.smpledger.events.Identifying;
import org.smpledger.events.NotNegative;
import org.smpledger.events.PersonalData;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/**
 * The practitioner's plan for a course: how many sessions, the density each zone should reach
 * (a fraction of natural density) and what the plan was based on. A later plan for the same course
 * replaces it; the course's levels are judged against the plan in force.
 */
@EventType(name = "TreatmentPlanned", stream = StreamType.TREATMENT_RECORD)
public record TreatmentPlanned(
        @Identifying String clientId,
        @RecordId String planId,
        @Identifying int course,
        Instant plannedAt,
        String practitionerId,
        @NotNegative int plannedSessions,
        List<ZoneTarget> targets,
        @HealthData List<Factor> factors,
        @PersonalData String notes)
        implements TreatmentRecordEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    /** The density a zone should have once the course is done, as a fraction of natural density. */
    public record ZoneTarget(ScalpZone zone, @NotNegative double targetDensity) {}

    /** Something the plan took into account, with the practitioner's note ("Fitzpatrick V", "FUT scar 14 cm"). */
    public record Factor(FactorKind kind, @PersonalData String note) {}

    public enum FactorKind {
        SCAR_REPAIR,
        SKIN_TYPE,
        IMMUNE_RESPONSE_HISTORY,
        PIGMENT_SHADE,
        HAIR_LOSS_PROGRESSION,
        OTHER
    }
}
