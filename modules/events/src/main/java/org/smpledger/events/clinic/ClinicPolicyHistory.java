package org.smpledger.events.clinic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The policies one clinic adopted, in the order they were adopted, and which is in force at a
 * given instant: the highest version whose {@code effectiveFrom} has come, or the deployment's
 * configuration (version 0) before any. The command side and the read models both answer "which
 * rules judged this" with it.
 */
public final class ClinicPolicyHistory {

    /** The rules in force at some instant; {@code adoption} is empty for the deployment's configuration. */
    public record InForce(String clinicId, int version, ClinicRules rules, Optional<ClinicPolicyAdopted> adoption) {

        /** Who judged, in the clinic's words: "policy v2 of clinic-north (adopted by ann on ..., in force from ...)". */
        public String label() {
            return adoption.map(a -> "policy v%d of %s (adopted by %s on %s, in force from %s)"
                            .formatted(a.version(), clinicId, a.adoptedBy(), a.adoptedAt(), a.effectiveFrom()))
                    .orElse("the deployment's default policy (v0: %s had adopted none of its own)".formatted(clinicId));
        }
    }

    private final String clinicId;
    private final ClinicRules deploymentDefault;
    private final List<ClinicPolicyAdopted> adoptions = new ArrayList<>();

    public ClinicPolicyHistory(String clinicId, ClinicRules deploymentDefault) {
        this.clinicId = clinicId;
        this.deploymentDefault = Objects.requireNonNull(deploymentDefault, "deploymentDefault");
    }

    public static ClinicPolicyHistory of(
            String clinicId, ClinicRules deploymentDefault, Iterable<? extends ClinicPolicyEvent> events) {
        ClinicPolicyHistory history = new ClinicPolicyHistory(clinicId, deploymentDefault);
        events.forEach(history::add);
        return history;
    }

    /** Folds the clinic's next policy event in. */
    public void add(ClinicPolicyEvent event) {
        event.accept(adopted -> {
            adoptions.add(adopted);
            return null;
        });
    }

    /** Every adoption, oldest first. */
    public List<ClinicPolicyAdopted> adoptions() {
        return List.copyOf(adoptions);
    }

    /** The version the clinic adopted last, 0 before any. */
    public int latestVersion() {
        return adoptions.stream().mapToInt(ClinicPolicyAdopted::version).max().orElse(0);
    }

    public InForce inForceAt(Instant instant) {
        return adoptions.stream()
                .filter(a -> !a.effectiveFrom().isAfter(instant))
                .max(Comparator.comparingInt(ClinicPolicyAdopted::version))
                .map(a -> new InForce(clinicId, a.version(), a.rules(), Optional.of(a)))
                .orElseGet(() -> new InForce(clinicId, 0, deploymentDefault, Optional.empty()));
    }
}
