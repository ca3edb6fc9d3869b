package org.smpledger.domain.policy;

import static org.smpledger.domain.recording.RuleViolation.numbers;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.PatchTestRecorded.Result;

/**
 * A session needs, for every pigment brand it uses, a negative (or waived) patch test with that
 * brand, read at least {@link ClinicPolicy#patchTestLeadTime()} before the session starts. A
 * negative reading counts only if it was read at least {@link ClinicPolicy#patchTestReadingDelay()}
 * after application. A positive test with a brand bars that brand. An allergic reaction naming a lot
 * of a brand bars that brand until a negative patch test applied after the reaction counts.
 */
public final class PatchTestPolicy {

    /** An allergic reaction of the client that named a lot of {@code brand}. */
    public record AllergicReaction(String reactionId, String lotId, String brand, Instant observedAt) {}

    private final ClinicPolicy policy;

    PatchTestPolicy(ClinicPolicy policy) {
        this.policy = policy;
    }

    public void check(
            List<PatchTestRecorded> tests,
            List<AllergicReaction> reactions,
            Collection<String> brands,
            Instant sessionStart) {
        for (String brand : brands) {
            checkBrand(
                    tests.stream()
                            .filter(t ->
                                    t.pigmentBrand() != null && t.pigmentBrand().equalsIgnoreCase(brand))
                            .toList(),
                    reactions.stream()
                            .filter(r -> r.brand() != null && r.brand().equalsIgnoreCase(brand))
                            .toList(),
                    brand,
                    sessionStart);
        }
    }

    private void checkBrand(
            List<PatchTestRecorded> tests, List<AllergicReaction> reactions, String brand, Instant sessionStart) {
        Optional<PatchTestRecorded> positive =
                tests.stream().filter(t -> t.result() == Result.POSITIVE).findFirst();
        if (positive.isPresent()) {
            throw RuleViolation.refused(
                    "patch-test-positive",
                    "The patch test with %s was positive: that brand may not be used on this client.".formatted(brand),
                    numbers("brand", brand, "patchTestId", positive.get().patchTestId()));
        }
        Optional<AllergicReaction> latestReaction =
                reactions.stream().max(Comparator.comparing(AllergicReaction::observedAt));
        if (latestReaction.isPresent()) {
            AllergicReaction reaction = latestReaction.get();
            boolean testedSince = tests.stream()
                    .anyMatch(t -> readLongEnoughAfterApplication(t)
                            && t.appliedAt().isAfter(reaction.observedAt())
                            && !t.readAt().isAfter(sessionStart.minus(policy.patchTestLeadTime())));
            if (!testedSince) {
                throw RuleViolation.refused(
                        "allergic-reaction",
                        ("The client had an allergic reaction (%s, observed %s) naming lot %s of %s: %s may not be used until"
                                        + " a negative patch test applied after the reaction is read at least %d hours before"
                                        + " the session.")
                                .formatted(
                                        reaction.reactionId(),
                                        reaction.observedAt(),
                                        reaction.lotId(),
                                        brand,
                                        brand,
                                        policy.patchTestLeadTime().toHours()),
                        numbers(
                                "brand",
                                brand,
                                "reactionId",
                                reaction.reactionId(),
                                "lotId",
                                reaction.lotId(),
                                "observedAt",
                                reaction.observedAt().toString()));
            }
        }
        List<PatchTestRecorded> cleared = tests.stream()
                .filter(t -> t.result() == Result.WAIVED || readLongEnoughAfterApplication(t))
                .toList();
        Instant latestAllowedReading = sessionStart.minus(policy.patchTestLeadTime());
        if (cleared.stream().anyMatch(t -> !t.readAt().isAfter(latestAllowedReading))) {
            return;
        }
        long minimumHours = policy.patchTestLeadTime().toHours();
        Optional<PatchTestRecorded> tooRecent =
                cleared.stream().filter(t -> !t.readAt().isAfter(sessionStart)).findFirst();
        if (tooRecent.isPresent()) {
            long hours =
                    Duration.between(tooRecent.get().readAt(), sessionStart).toHours();
            throw RuleViolation.refused(
                    "patch-test-too-recent",
                    "The patch test with %s was read %d hours before the session; at least %d hours are required."
                            .formatted(brand, hours, minimumHours),
                    numbers(
                            "brand",
                            brand,
                            "patchTestId",
                            tooRecent.get().patchTestId(),
                            "hoursSinceReading",
                            hours,
                            "minimumHours",
                            minimumHours));
        }
        long minimumReadingHours = policy.patchTestReadingDelay().toHours();
        Optional<PatchTestRecorded> readEarly = tests.stream()
                .filter(t -> t.result() == Result.NEGATIVE && !readLongEnoughAfterApplication(t))
                .findFirst();
        if (readEarly.isPresent()) {
            long hours = Duration.between(
                            readEarly.get().appliedAt(), readEarly.get().readAt())
                    .toHours();
            throw RuleViolation.refused(
                    "patch-test-read-too-early",
                    "The patch test with %s was read %d hours after it was applied; a reading counts after %d hours."
                            .formatted(brand, hours, minimumReadingHours),
                    numbers(
                            "brand",
                            brand,
                            "patchTestId",
                            readEarly.get().patchTestId(),
                            "hoursFromApplicationToReading",
                            hours,
                            "minimumHours",
                            minimumReadingHours));
        }
        throw RuleViolation.refused(
                "patch-test-required",
                "There is no negative or waived patch test with %s read at least %d hours before the session."
                        .formatted(brand, minimumHours),
                numbers("brand", brand, "minimumHours", minimumHours, "patchTestsWithBrand", tests.size()));
    }

    private boolean readLongEnoughAfterApplication(PatchTestRecorded test) {
        return test.result() == Result.NEGATIVE
                && Duration.between(test.appliedAt(), test.readAt()).compareTo(policy.patchTestReadingDelay()) >= 0;
    }
}
