package org.smpledger.domain.treatment;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.treatment.AftercareIssued.Instruction;

/** {@code instructions} null or empty: the clinic's default aftercare days apply. */
public record IssueAftercare(
        @TargetAggregateIdentifier String clientId,
        Long expectedVersion,
        String aftercareId,
        String sessionId,
        Instant issuedAt,
        String issuedBy,
        List<Instruction> instructions,
        boolean writtenCopyGiven) {}
