package org.smpledger.domain.treatment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record SignConsent(@TargetAggregateIdentifier String clientId, Long expectedVersion, String consentId, Instant signedAt,
                          String formVersion, String documentRef, String witnessedBy) {
}
