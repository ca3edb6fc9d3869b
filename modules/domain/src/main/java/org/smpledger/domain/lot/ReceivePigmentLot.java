package org.smpledger.domain.lot;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReceivePigmentLot(
        @TargetAggregateIdentifier String lotId,
        String clinicId,
        String brand,
        String shade,
        String batchNumber,
        LocalDate expiresOn,
        boolean reachLabelled,
        Instant receivedAt,
        String receivedBy) {}
