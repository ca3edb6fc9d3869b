package org.smpledger.domain.lot;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code expectedVersion} (nullable): the lot's stream version the sender saw (If-Match). */
public record RecallPigmentLot(
        @TargetAggregateIdentifier String lotId,
        Long expectedVersion,
        String reason,
        Instant recalledAt,
        String recalledBy,
        String authorityReference) {}
