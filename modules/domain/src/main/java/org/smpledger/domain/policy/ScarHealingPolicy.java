package org.smpledger.domain.policy;

import static org.smpledger.domain.recording.RuleViolation.numbers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Optional;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ConsultationHeld.Scar;
import org.smpledger.events.treatment.ScalpZone;

/**
 * Scar tissue is pigmented only once healed: a scar in a zone the session works on must be at least
 * {@link ClinicPolicy#minimumScarAgeMonths()} old, counting its age at the latest consultation plus
 * the months since.
 */
public final class ScarHealingPolicy {

    private final ClinicPolicy policy;

    ScarHealingPolicy(ClinicPolicy policy) {
        this.policy = policy;
    }

    public void check(
            Optional<ConsultationHeld> latestConsultation, Collection<ScalpZone> zones, Instant sessionStart) {
        if (latestConsultation.isEmpty() || latestConsultation.get().scars() == null) {
            return;
        }
        ConsultationHeld consultation = latestConsultation.get();
        long monthsSince = ChronoUnit.MONTHS.between(
                LocalDate.ofInstant(consultation.heldAt(), policy.timeZone()),
                LocalDate.ofInstant(sessionStart, policy.timeZone()));
        for (Scar scar : consultation.scars()) {
            boolean worked = zones.contains(scar.zone()) || (zones.contains(ScalpZone.SCAR));
            long age = scar.ageInMonths() + monthsSince;
            if (worked && age < policy.minimumScarAgeMonths()) {
                throw RuleViolation.refused(
                        "scar-too-young",
                        "The %s scar on the %s is %d months old; scars are pigmented from %d months."
                                .formatted(
                                        scar.kind().name().toLowerCase().replace('_', ' '),
                                        scar.zone().name().toLowerCase().replace('_', '-'),
                                        age,
                                        policy.minimumScarAgeMonths()),
                        numbers(
                                "scarKind",
                                scar.kind().name(),
                                "zone",
                                scar.zone().name(),
                                "ageInMonths",
                                age,
                                "minimumMonths",
                                policy.minimumScarAgeMonths()));
            }
        }
    }
}
