package org.smpledger.projections;

import java.util.List;
import org.smpledger.events.clinic.ClinicRules;
import org.smpledger.events.treatment.AdverseReactionReported;

/** The deployment's rules the projections are tested with: the defaults of docs/domain.md. */
public final class DeploymentRules {

    public static final ClinicRules DEFAULT = new ClinicRules(
            new ClinicRules.PatchTests(48, 48),
            new ClinicRules.Sessions(7, 4),
            new ClinicRules.Density(1.0, 1.0, 0.5, 0.5, 0.85),
            9,
            true,
            "UTC",
            List.of(),
            3,
            new ClinicRules.Reporting(
                    "US-TX",
                    5,
                    List.of(AdverseReactionReported.Kind.ALLERGIC, AdverseReactionReported.Kind.INFECTION)));

    private DeploymentRules() {}
}
