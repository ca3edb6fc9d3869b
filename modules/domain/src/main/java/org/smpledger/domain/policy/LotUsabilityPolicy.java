package org.smpledger.domain.policy;

import static org.smpledger.domain.recording.RuleViolation.numbers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.smpledger.domain.lot.LotFacts;
import org.smpledger.domain.recording.RuleViolation;

/**
 * A lot may go on skin only if the clinic received it, it has not expired by the day of use and it
 * was not recalled by then. A lot recalled after it was used does not make that use wrong.
 */
public final class LotUsabilityPolicy {

    private final ClinicPolicy policy;

    LotUsabilityPolicy(ClinicPolicy policy) {
        this.policy = policy;
    }

    /** Returns the lot's facts when it may be used; {@code clinicId} null skips the clinic check. */
    public LotFacts check(String lotId, Optional<LotFacts> found, String clinicId, Instant usedAt) {
        LotFacts lot = found.filter(l -> clinicId == null || clinicId.equals(l.clinicId()))
                .orElseThrow(() -> RuleViolation.refused(
                        "lot-not-received",
                        "Pigment lot %s was never received by this clinic.".formatted(lotId),
                        numbers("lotId", lotId)));
        if (lot.receivedAt().isAfter(usedAt)) {
            throw RuleViolation.refused(
                    "lot-not-received",
                    "Pigment lot %s was received on %s, after it was used.".formatted(lotId, lot.receivedAt()),
                    numbers("lotId", lotId, "receivedAt", lot.receivedAt().toString(), "usedAt", usedAt.toString()));
        }
        LocalDate day = LocalDate.ofInstant(usedAt, policy.timeZone());
        if (day.isAfter(lot.expiresOn())) {
            throw RuleViolation.refused(
                    "lot-expired",
                    "Pigment lot %s (%s %s, batch %s) expired on %s."
                            .formatted(lotId, lot.brand(), lot.shade(), lot.batchNumber(), lot.expiresOn()),
                    numbers("lotId", lotId, "expiresOn", lot.expiresOn().toString(), "usedOn", day.toString()));
        }
        if (lot.recall().isPresent() && !lot.recall().get().recalledAt().isAfter(usedAt)) {
            LotFacts.Recall recall = lot.recall().get();
            throw RuleViolation.refused(
                    "lot-recalled",
                    "Pigment lot %s (%s %s, batch %s) was recalled: %s."
                            .formatted(lotId, lot.brand(), lot.shade(), lot.batchNumber(), recall.reason()),
                    numbers("lotId", lotId, "recalledAt", recall.recalledAt().toString(), "reason", recall.reason()));
        }
        return lot;
    }
}
