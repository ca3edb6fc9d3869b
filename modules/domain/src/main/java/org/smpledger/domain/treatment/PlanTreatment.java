package org.smpledger.domain.treatment;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.treatment.TreatmentPlanned.Factor;
import org.smpledger.events.treatment.TreatmentPlanned.ZoneTarget;

/** A plan for the client's current course; the course is the record's to know. */
public record PlanTreatment(
        @TargetAggregateIdentifier String clientId,
        Long expectedVersion,
        String planId,
        Instant plannedAt,
        String practitionerId,
        int plannedSessions,
        List<ZoneTarget> targets,
        List<Factor> factors,
        String notes) {}
