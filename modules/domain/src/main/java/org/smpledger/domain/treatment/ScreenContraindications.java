package org.smpledger.domain.treatment;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.treatment.ContraindicationScreened.Finding;

public record ScreenContraindications(
        @TargetAggregateIdentifier String clientId,
        Long expectedVersion,
        String screeningId,
        Instant screenedAt,
        String practitionerId,
        List<Finding> findings) {}
