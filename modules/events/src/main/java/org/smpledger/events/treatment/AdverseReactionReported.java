package org.smpledger.events.treatment;

import java.time.Instant;
import java.util.List;
import org.smpledger.events.EventType;
import org.smpledger.events.FreeText;
import org.smpledger.events.HealthData;
import org.smpledger.events.Identifying;
import org.smpledger.events.PersonalData;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/**
 * An allergic reaction, infection or other complication, with the lots involved (some
 * authorities require a report within days naming colours and manufacturer ids).
 */
@EventType(name = "AdverseReactionReported", stream = StreamType.TREATMENT_RECORD)
public record AdverseReactionReported(
        @Identifying String clientId,
        @RecordId String reactionId,
        Instant observedAt,
        String reportedBy,
        @HealthData Kind kind,
        @HealthData Severity severity,
        List<String> lotIds,
        @PersonalData String description,
        @FreeText String authorityReference)
        implements TreatmentRecordEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public enum Kind {
        ALLERGIC,
        INFECTION,
        GRANULOMA,
        KELOID,
        EXCESSIVE_SWELLING,
        OTHER
    }

    public enum Severity {
        MILD,
        MODERATE,
        SEVERE
    }
}
