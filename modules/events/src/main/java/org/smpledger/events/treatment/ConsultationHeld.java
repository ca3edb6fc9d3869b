package org.smpledger.events.treatment;

import java.time.Instant;
import java.util.List;
import org.smpledger.events.EventType;
import org.smpledger.events.HealthData;
import org.smpledger.events.Identifying;
import org.smpledger.events.PersonalData;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/** The first conversation: extent and kind of hair loss, skin, scars and what the client wants. */
@EventType(name = "ConsultationHeld", stream = StreamType.TREATMENT_RECORD)
public record ConsultationHeld(
        @Identifying String clientId,
        @RecordId String consultationId,
        Instant heldAt,
        String practitionerId,
        @HealthData HairLossAssessment hairLoss,
        @HealthData AlopeciaType alopeciaType,
        @HealthData SkinProfile skin,
        @HealthData List<Scar> scars,
        @PersonalData String goals)
        implements TreatmentRecordEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    /** {@code grade} is the scale's own notation: "III vertex" (Norwood), "II" (Ludwig). */
    public record HairLossAssessment(HairLossScale scale, String grade) {}

    public enum HairLossScale {
        NORWOOD,
        LUDWIG,
        SAVIN,
        OTHER
    }

    public enum AlopeciaType {
        ANDROGENETIC,
        AREATA,
        TOTALIS,
        UNIVERSALIS,
        DIFFUSE,
        TRACTION,
        SCARRING,
        NONE,
        OTHER
    }

    public record SkinProfile(FitzpatrickType fitzpatrickType, Undertone undertone) {}

    public enum FitzpatrickType {
        I,
        II,
        III,
        IV,
        V,
        VI
    }

    public enum Undertone {
        COOL,
        NEUTRAL,
        WARM
    }

    /** {@code ageInMonths}: how long ago the scar formed, as told at the consultation. */
    public record Scar(ScarKind kind, ScalpZone zone, int ageInMonths) {}

    public enum ScarKind {
        FUT_STRIP,
        FUE,
        SURGICAL,
        INJURY,
        BURN,
        OTHER
    }
}
