package org.smpledger.events.treatment;

import java.time.Instant;
import java.time.LocalDate;
import org.smpledger.events.EventType;
import org.smpledger.events.FreeText;
import org.smpledger.events.Identifying;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/**
 * The client's personal data is erased: the client's key is destroyed, so every field the contract
 * marks {@code @PersonalData} in this record is unreadable for good; the clinical history stays.
 * Holds no personal data itself. Downstream services erase their copies of what they hold on the
 * client when they see it.
 *
 * @param retentionOverride the retention period the erasure overrode, with the legal basis for
 *     doing so; null when no retention period was running
 */
@EventType(name = "ClientPersonalDataErased", stream = StreamType.TREATMENT_RECORD)
public record ClientPersonalDataErased(
        @Identifying String clientId,
        @RecordId String erasureId,
        Instant erasedAt,
        Reason reason,
        @FreeText String legalBasis,
        RetentionOverride retentionOverride,
        String requestedBy)
        implements TreatmentRecordEvent {

    /** Why the data is erased (GDPR Art. 17(1) grounds, and the end of a retention period). */
    public enum Reason {
        CLIENT_REQUEST,
        CONSENT_WITHDRAWN,
        NO_LONGER_NECESSARY,
        UNLAWFUL_PROCESSING,
        LEGAL_OBLIGATION,
        RETENTION_EXPIRED
    }

    /** A retention rule still running at the erasure, and what lifted it. */
    public record RetentionOverride(
            String ruleId, LocalDate keepUntil, @FreeText String legalBasis) {}

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
