package org.smpledger.domain.treatment;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.treatment.ScalpZone;

public record DesignHairline(
        @TargetAggregateIdentifier String clientId,
        Long expectedVersion,
        String designId,
        Instant designedAt,
        String practitionerId,
        String style,
        String description,
        List<ScalpZone> plannedZones,
        String approvedByClient) {}
