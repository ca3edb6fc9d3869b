package org.smpledger.domain.policy;

import static org.smpledger.domain.recording.RuleViolation.numbers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.smpledger.domain.recording.RuleViolation;

/** Skin needs time between sessions: at least {@link ClinicPolicy#minimumDaysBetweenSessions()} calendar days. */
public final class SessionIntervalPolicy {

    private final ClinicPolicy policy;

    SessionIntervalPolicy(ClinicPolicy policy) {
        this.policy = policy;
    }

    public void check(Optional<Instant> lastSessionStart, Instant sessionStart) {
        if (lastSessionStart.isEmpty()) {
            return;
        }
        LocalDate last = LocalDate.ofInstant(lastSessionStart.get(), policy.timeZone());
        LocalDate next = LocalDate.ofInstant(sessionStart, policy.timeZone());
        long days = ChronoUnit.DAYS.between(last, next);
        if (days < policy.minimumDaysBetweenSessions()) {
            throw RuleViolation.refused(
                    "session-interval",
                    "Only %d days since the last session on %s; the clinic requires at least %d."
                            .formatted(days, last, policy.minimumDaysBetweenSessions()),
                    numbers(
                            "daysSinceLastSession",
                            days,
                            "minimumDays",
                            policy.minimumDaysBetweenSessions(),
                            "lastSessionOn",
                            last.toString()));
        }
    }
}
