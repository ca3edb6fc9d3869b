package org.smpledger.domain.policy;

import static org.smpledger.domain.recording.RuleViolation.numbers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.ContraindicationScreened.Finding;
import org.smpledger.events.treatment.ContraindicationScreened.Severity;

/**
 * Before any needle: signed consent, a screening on record, no absolute contraindication in the
 * latest screening, and no waiting period still running.
 */
public final class SessionReadinessPolicy {

    private final ClinicPolicy policy;

    SessionReadinessPolicy(ClinicPolicy policy) {
        this.policy = policy;
    }

    /** Consents and screening count only if they were not voided. */
    public void check(
            List<ConsentSigned> consents, Optional<ContraindicationScreened> latestScreening, Instant sessionStart) {
        if (consents.stream().noneMatch(consent -> !consent.signedAt().isAfter(sessionStart))) {
            throw RuleViolation.refused(
                    "consent-required",
                    "The client has not signed the consent form before this session.",
                    numbers("consentsOnRecord", consents.size(), "sessionStartsAt", sessionStart.toString()));
        }
        if (latestScreening.isEmpty()) {
            if (policy.screeningRequired()) {
                throw RuleViolation.refused(
                        "screening-required", "The client has not been screened for contraindications.", numbers());
            }
            return;
        }
        ContraindicationScreened screening = latestScreening.get();
        for (Finding finding : screening.findings()) {
            if (finding.severity() == Severity.ABSOLUTE) {
                throw RuleViolation.refused(
                        "contraindication-unresolved",
                        "The latest screening lists %s as an absolute contraindication; a new screening must clear it first."
                                .formatted(label(finding)),
                        numbers(
                                "contraindication",
                                finding.contraindication().name(),
                                "screeningId",
                                screening.screeningId(),
                                "screenedAt",
                                screening.screenedAt().toString()));
            }
        }
        LocalDate sessionDay = LocalDate.ofInstant(sessionStart, policy.timeZone());
        for (Finding finding : screening.findings()) {
            if (finding.waitUntil() != null && sessionDay.isBefore(finding.waitUntil())) {
                long daysToWait = ChronoUnit.DAYS.between(sessionDay, finding.waitUntil());
                throw RuleViolation.refused(
                        "contraindication-waiting-period",
                        "After %s the client must wait until %s, %d more days."
                                .formatted(label(finding), finding.waitUntil(), daysToWait),
                        numbers(
                                "contraindication",
                                finding.contraindication().name(),
                                "waitUntil",
                                finding.waitUntil().toString(),
                                "sessionDate",
                                sessionDay.toString(),
                                "daysRemaining",
                                daysToWait));
            }
        }
    }

    private static String label(Finding finding) {
        return finding.contraindication().name().toLowerCase().replace('_', ' ');
    }
}
