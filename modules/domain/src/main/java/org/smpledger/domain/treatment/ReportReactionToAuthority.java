package org.smpledger.domain.treatment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Marks an adverse reaction as reported to the clinic's authority. */
public record ReportReactionToAuthority(
        @TargetAggregateIdentifier String clientId,
        Long expectedVersion,
        String reportId,
        String reactionId,
        Instant reportedAt,
        String authority,
        String reference,
        String reportedBy) {}
