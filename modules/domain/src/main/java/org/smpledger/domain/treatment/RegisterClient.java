package org.smpledger.domain.treatment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.treatment.PersonalDetails;

import java.time.Instant;

public record RegisterClient(@TargetAggregateIdentifier String clientId, String clinicId, PersonalDetails personalDetails,
                             Instant registeredAt) {
}
