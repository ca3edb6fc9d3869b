package org.smpledger.events.treatment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.smpledger.events.EventType;
import org.smpledger.events.HealthData;
import org.smpledger.events.Identifying;
import org.smpledger.events.PersonalData;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/**
 * A health screening. The latest screening is the current state: a finding absent from it is
 * resolved. {@code waitUntil} (nullable) is the first day treatment may go ahead (e.g. 6 months
 * after chemotherapy).
 */
@EventType(name = "ContraindicationScreened", stream = StreamType.TREATMENT_RECORD)
public record ContraindicationScreened(
        @Identifying String clientId,
        @RecordId String screeningId,
        Instant screenedAt,
        String practitionerId,
        @HealthData List<Finding> findings)
        implements TreatmentRecordEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public record Finding(
            Contraindication contraindication,
            Severity severity,
            LocalDate waitUntil,
            @PersonalData String note) {}

    public enum Contraindication {
        KELOID_SCARRING,
        ACTIVE_PSORIASIS,
        ACTIVE_ECZEMA,
        ACTIVE_ACNE,
        SUNBURN,
        BLOOD_THINNERS,
        BLEEDING_DISORDER,
        PREGNANCY,
        IMMUNE_DISEASE,
        INK_ALLERGY,
        RECENT_CHEMOTHERAPY,
        RECENT_LASER_REMOVAL,
        RECENT_SURGERY,
        OTHER
    }

    /** ABSOLUTE: no session until a later screening no longer lists it. RELATIVE: proceed with care. */
    public enum Severity {
        ABSOLUTE,
        RELATIVE
    }
}
