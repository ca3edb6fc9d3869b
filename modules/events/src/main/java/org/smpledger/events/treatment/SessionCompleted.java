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
 * A pigmentation session, with the work done on each zone. {@code course} counts from 1 and
 * grows with each touch-up; {@code sessionNumber} counts within the course. {@code override}
 * (nullable) records why a session went ahead past an over-layering limit. {@code policyVersion}
 * is the version of the clinic's policy the session was judged by (0: the deployment's
 * configuration; null on sessions recorded before clinics adopted policies of their own).
 */
@EventType(name = "SessionCompleted", stream = StreamType.TREATMENT_RECORD)
public record SessionCompleted(
        @Identifying String clientId,
        @RecordId String sessionId,
        @Identifying int course,
        @Identifying int sessionNumber,
        Instant startedAt,
        Instant endedAt,
        String practitionerId,
        List<ZoneWork> zoneWork,
        Override override,
        @PersonalData String notes,
        Integer policyVersion)
        implements TreatmentRecordEvent {

    @java.lang.Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    /**
     * Work on one zone. Density added is a fraction of natural follicle density and/or dots per
     * cm2 (either may be null, not both). Depth is recorded as given, never validated.
     */
    public record ZoneWork(
            ScalpZone zone,
            @NotNegative Double densityAddedFraction,
            @NotNegative Double dotsPerCm2,
            int needleCount,
            double needleDiameterMm,
            Double depthMm,
            List<PigmentUse> pigments,
            @PersonalData String notes) {}

    /** A lot used on a zone and its dilution, as parts water to one part pigment (20:1 → 20). */
    public record PigmentUse(String lotId, double dilutionWaterParts) {}

    /**
     * Which limits the session went past, and who decided it was needed and why. The reason explains this
     * client's case (often the scalp, scars or wishes): personal data. {@code approvedBy} is staff.
     */
    public record Override(@PersonalData String reason, String approvedBy, List<String> limitsExceeded) {}
}
