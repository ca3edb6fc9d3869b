package org.smpledger.domain.treatment;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.treatment.AdverseReactionReported.Kind;
import org.smpledger.events.treatment.AdverseReactionReported.Severity;

public record ReportAdverseReaction(
        @TargetAggregateIdentifier String clientId,
        Long expectedVersion,
        String reactionId,
        Instant observedAt,
        String reportedBy,
        Kind kind,
        Severity severity,
        List<String> lotIds,
        String description,
        String authorityReference) {}
