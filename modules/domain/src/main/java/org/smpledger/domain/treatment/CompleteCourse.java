package org.smpledger.domain.treatment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes the client's current course. */
public record CompleteCourse(
        @TargetAggregateIdentifier String clientId,
        Long expectedVersion,
        String completionId,
        Instant completedAt,
        String completedBy,
        String notes) {}
