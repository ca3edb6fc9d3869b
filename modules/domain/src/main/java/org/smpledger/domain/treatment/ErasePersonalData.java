package org.smpledger.domain.treatment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.treatment.ClientPersonalDataErased.Reason;

/**
 * Erases a client's personal data (the key that seals it is destroyed once this is recorded).
 * Refused inside the retention period unless {@code overrideLegalBasis} says what lifts it.
 */
public record ErasePersonalData(
        @TargetAggregateIdentifier String clientId,
        Long expectedVersion,
        String erasureId,
        Instant requestedAt,
        Reason reason,
        String legalBasis,
        String overrideLegalBasis,
        String requestedBy) {}
