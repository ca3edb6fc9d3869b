package org.smpledger.domain.treatment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.treatment.ContraindicationScreened.Finding;

import java.time.Instant;
import java.util.List;

public record ScreenContraindications(@TargetAggregateIdentifier String clientId, Long expectedVersion, String screeningId,
                                      Instant screenedAt, String practitionerId, List<Finding> findings) {
}
