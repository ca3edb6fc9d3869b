package org.smpledger.domain.treatment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.treatment.PersonalDetails;

public record RegisterClient(
        @TargetAggregateIdentifier String clientId,
        String clinicId,
        PersonalDetails personalDetails,
        Instant registeredAt) {}
