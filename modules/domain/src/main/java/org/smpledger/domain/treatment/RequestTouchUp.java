package org.smpledger.domain.treatment;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.TouchUpRequested.Reason;
import org.smpledger.events.treatment.TouchUpRequested.RetainedDensity;

public record RequestTouchUp(
        @TargetAggregateIdentifier String clientId,
        Long expectedVersion,
        String touchUpId,
        Instant requestedAt,
        Reason reason,
        List<ScalpZone> zones,
        String requestedBy,
        List<RetainedDensity> retainedDensity,
        String notes) {}
