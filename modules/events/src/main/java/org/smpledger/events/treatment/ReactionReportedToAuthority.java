package org.smpledger.events.treatment;

import java.time.Instant;
import org.smpledger.events.EventType;
import org.smpledger.events.FreeText;
import org.smpledger.events.Identifying;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/**
 * An adverse reaction was reported to the authority the clinic answers to (Texas: within 5 working
 * days, with the colours and manufacturer ids used); {@code reference} is the authority's receipt.
 */
@EventType(name = "ReactionReportedToAuthority", stream = StreamType.TREATMENT_RECORD)
public record ReactionReportedToAuthority(
        @Identifying String clientId,
        @RecordId String reportId,
        String reactionId,
        Instant reportedAt,
        String authority,
        @FreeText String reference,
        String reportedBy)
        implements TreatmentRecordEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
