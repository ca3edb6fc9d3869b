package org.smpledger.projections;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.smpledger.events.clinic.ClinicPolicyAdopted;
import org.smpledger.events.clinic.ClinicPolicyHistory;
import org.smpledger.events.clinic.ClinicRules;

/**
 * The policies a clinic adopted, as a read model keeps them (under {@code policies.v<version>} of
 * the clinic's record, each set once), and which one is in force at an instant: the same answer
 * the command side gets from the clinic's stream ({@link ClinicPolicyHistory}).
 */
public final class AdoptedPolicies {

    private AdoptedPolicies() {}

    /** An adoption as kept, with when it was recorded. */
    public record Adoption(ClinicPolicyAdopted adopted, Instant recordedAt) {}

    /** The field of the clinic's record holding this adoption. */
    public static String field(ClinicPolicyAdopted adopted) {
        return "policies.v" + adopted.version();
    }

    public static Adoption of(ProjectionEvent event, ClinicPolicyAdopted adopted) {
        return new Adoption(adopted, event.recordedAt());
    }

    /**
     * The clinic's policies as recorded by {@code recordedBy} (all when null), read from its stored
     * adoptions (none when null), with the deployment's rules before the first.
     */
    public static ClinicPolicyHistory of(
            String clinicId, ClinicRules deploymentDefault, Map<String, Adoption> stored, Instant recordedBy) {
        List<ClinicPolicyAdopted> adoptions = stored == null
                ? List.of()
                : stored.values().stream()
                        .filter(a -> recordedBy == null || !a.recordedAt().isAfter(recordedBy))
                        .map(Adoption::adopted)
                        .sorted(Comparator.comparingInt(ClinicPolicyAdopted::version))
                        .toList();
        return ClinicPolicyHistory.of(clinicId, deploymentDefault, adoptions);
    }
}
