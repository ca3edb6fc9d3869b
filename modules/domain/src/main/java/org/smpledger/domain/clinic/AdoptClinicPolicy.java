package org.smpledger.domain.clinic;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.clinic.ClinicPolicyEvent;
import org.smpledger.events.clinic.ClinicRules;

/**
 * A clinic adopts a complete set of rules, in force from {@code effectiveFrom} (not before
 * {@code adoptedAt}). {@code expectedVersion} (nullable): the policy stream's version the sender saw.
 */
public record AdoptClinicPolicy(
        String clinicId,
        Long expectedVersion,
        Instant adoptedAt,
        String adoptedBy,
        Instant effectiveFrom,
        ClinicRules rules,
        String reason) {

    /** The clinic's policy stream, which the command is for. */
    @TargetAggregateIdentifier
    public String policyStreamId() {
        return ClinicPolicyEvent.streamIdOf(clinicId);
    }
}
