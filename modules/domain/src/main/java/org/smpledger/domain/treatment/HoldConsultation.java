package org.smpledger.domain.treatment;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.treatment.ConsultationHeld.AlopeciaType;
import org.smpledger.events.treatment.ConsultationHeld.HairLossAssessment;
import org.smpledger.events.treatment.ConsultationHeld.Scar;
import org.smpledger.events.treatment.ConsultationHeld.SkinProfile;

public record HoldConsultation(
        @TargetAggregateIdentifier String clientId,
        Long expectedVersion,
        String consultationId,
        Instant heldAt,
        String practitionerId,
        HairLossAssessment hairLoss,
        AlopeciaType alopeciaType,
        SkinProfile skin,
        List<Scar> scars,
        String goals) {}
