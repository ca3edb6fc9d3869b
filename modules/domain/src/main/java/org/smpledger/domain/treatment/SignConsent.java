package org.smpledger.domain.treatment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SignConsent(
        @TargetAggregateIdentifier String clientId,
        Long expectedVersion,
        String consentId,
        Instant signedAt,
        String formVersion,
        String documentRef,
        String witnessedBy) {}
