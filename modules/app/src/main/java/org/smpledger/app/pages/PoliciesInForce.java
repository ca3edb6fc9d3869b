package org.smpledger.app.pages;

import java.time.Clock;
import java.time.Instant;
import org.smpledger.app.security.StaffMember;
import org.smpledger.domain.policy.ClinicPolicies;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.domain.policy.PolicyInForce;
import org.springframework.stereotype.Component;

/**
 * The policy the caller's clinic has in force (its adopted one, or the deployment's default when it
 * adopted none): what the pages read the clinic's time zone, ceiling and watch ratio from. Read from
 * the clinic's policy stream, as the treatment records are judged.
 */
@Component
class PoliciesInForce {

    private final ClinicPolicies policies;
    private final Clock clock;

    PoliciesInForce(ClinicPolicies policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    /** In force at {@code at} (null: now). */
    PolicyInForce at(StaffMember caller, Instant at) {
        return policies.inForceAt(caller.clinicId(), at == null ? clock.instant() : at);
    }

    /** In force now. */
    ClinicPolicy now(StaffMember caller) {
        return at(caller, null).policy();
    }
}
