package org.smpledger.domain.policy;

import static org.smpledger.domain.recording.RuleViolation.numbers;

import java.util.List;
import java.util.Optional;
import org.smpledger.density.LimitBreach;
import org.smpledger.density.ZoneDensityLedger;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.events.treatment.SessionCompleted;

/**
 * The over-layering guard: a session that would take a zone past the density ceiling, the sessions
 * allowed per course, the most one session may add, or the least space between healed dot edges is
 * refused, with the zone and the numbers, unless the practitioner gives a reason; the session then
 * records the override and every limit it goes past.
 */
public final class OverLayeringPolicy {

    private final ClinicPolicy policy;

    OverLayeringPolicy(ClinicPolicy policy) {
        this.policy = policy;
    }

    /** Returns the override to record (empty when no limit is reached), or refuses the session. */
    public Optional<SessionCompleted.Override> check(
            ZoneDensityLedger ledger,
            List<SessionCompleted.ZoneWork> proposed,
            String overrideReason,
            String approvedBy) {
        List<LimitBreach> breaches = ledger.breachesIf(proposed, policy.overLayering());
        if (breaches.isEmpty()) {
            return Optional.empty();
        }
        List<String> explained = breaches.stream()
                .map(b -> b.limit().id() + ": " + b.explanation())
                .toList();
        if (overrideReason == null || overrideReason.isBlank()) {
            LimitBreach first = breaches.get(0);
            throw RuleViolation.refused(
                    first.limit().id(),
                    "Refused to avoid over-layering: "
                            + String.join(
                                    "; ",
                                    breaches.stream()
                                            .map(LimitBreach::explanation)
                                            .toList()) + ". Give an override reason if the session is needed.",
                    numbers(
                            "zone",
                            first.zone().name(),
                            "wouldBe",
                            first.wouldBe(),
                            "limit",
                            first.limitValue(),
                            "breaches",
                            breaches.stream()
                                    .map(b -> numbers(
                                            "zone",
                                            b.zone().name(),
                                            "limit",
                                            b.limit().id(),
                                            "wouldBe",
                                            b.wouldBe(),
                                            "limitValue",
                                            b.limitValue()))
                                    .toList()));
        }
        return Optional.of(new SessionCompleted.Override(overrideReason, approvedBy, explained));
    }
}
