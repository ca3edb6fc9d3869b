package org.smpledger.domain.treatment;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.treatment.SessionCompleted.ZoneWork;

/**
 * A session to record. Course and session number are the record's to count. {@code overrideReason}
 * (nullable) lets a session go past an over-layering limit; {@code overrideApprovedBy} says who decided.
 */
public record CompleteSession(
        @TargetAggregateIdentifier String clientId,
        Long expectedVersion,
        String sessionId,
        Instant startedAt,
        Instant endedAt,
        String practitionerId,
        List<ZoneWork> zoneWork,
        String overrideReason,
        String overrideApprovedBy,
        String notes) {}
