package org.smpledger.domain.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.smpledger.events.clinic.ClinicPolicyEvent;
import org.smpledger.events.clinic.ClinicPolicyHistory;

/**
 * Where a treatment record finds the policy its clinic had in force at a given instant. The app
 * answers from the clinic's own policy stream (an exact-key read, always current), never from a
 * projection; a clinic that adopted none is judged by the deployment's configuration.
 */
public interface ClinicPolicies {

    PolicyInForce inForceAt(String clinicId, Instant at);

    /** The same policy for every clinic at every instant, as version 0 (fixtures, tools). */
    static ClinicPolicies always(ClinicPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return (clinicId, at) -> new PolicyInForce(0, "the policy given (v0)", policy);
    }

    /**
     * Reads each clinic's policy stream through {@code streamOf} (the events of stream
     * {@link ClinicPolicyEvent#streamIdOf}); {@code deploymentDefault} judges before any adoption and
     * lends its density measures to every clinic.
     */
    static ClinicPolicies fromStreams(
            Function<String, List<ClinicPolicyEvent>> streamOf, ClinicPolicy deploymentDefault) {
        return (clinicId, at) -> {
            if (clinicId == null) {
                return new PolicyInForce(0, "the deployment's default policy (v0)", deploymentDefault);
            }
            ClinicPolicyHistory.InForce inForce = ClinicPolicyHistory.of(
                            clinicId, deploymentDefault.rules(), streamOf.apply(ClinicPolicyEvent.streamIdOf(clinicId)))
                    .inForceAt(at);
            ClinicPolicy policy = inForce.adoption().isEmpty()
                    ? deploymentDefault
                    : new ClinicPolicy(inForce.rules(), deploymentDefault.measures());
            return new PolicyInForce(inForce.version(), inForce.label(), policy);
        };
    }
}
