package org.smpledger.projections;

import org.smpledger.events.clinic.ClinicPolicyHistory;

/** The clinic policy a read model judged by: its version (0: the deployment's configuration) and, in words, whose and since when. */
public record ClinicPolicyVersion(int version, String label) {

    public static ClinicPolicyVersion of(ClinicPolicyHistory.InForce inForce) {
        return new ClinicPolicyVersion(inForce.version(), inForce.label());
    }
}
