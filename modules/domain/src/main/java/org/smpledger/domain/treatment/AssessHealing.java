package org.smpledger.domain.treatment;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.treatment.HealingAssessed.Outcome;
import org.smpledger.events.treatment.HealingAssessed.ZoneObservation;

public record AssessHealing(
        @TargetAggregateIdentifier String clientId,
        Long expectedVersion,
        String assessmentId,
        String sessionId,
        Instant assessedAt,
        String practitionerId,
        Outcome outcome,
        List<ZoneObservation> observations,
        String notes) {}
