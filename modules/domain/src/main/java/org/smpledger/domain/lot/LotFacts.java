package org.smpledger.domain.lot;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.smpledger.events.lot.PigmentLotEvent;
import org.smpledger.events.lot.PigmentLotRecalled;
import org.smpledger.events.lot.PigmentLotReceived;

/** What a treatment needs to know about a pigment lot, folded from the lot's own stream. */
public record LotFacts(
        String lotId,
        String clinicId,
        String brand,
        String shade,
        String batchNumber,
        LocalDate expiresOn,
        Instant receivedAt,
        Optional<Recall> recall) {

    public record Recall(Instant recalledAt, String reason) {}

    /** The lot as its events tell it; empty when it was never received. */
    public static Optional<LotFacts> of(Iterable<? extends PigmentLotEvent> events) {
        LotFacts lot = null;
        for (PigmentLotEvent event : events) {
            lot = event.accept(new After(lot));
        }
        return Optional.ofNullable(lot);
    }

    /** The lot after one more of its events (null before it was received). */
    private record After(LotFacts lot) implements PigmentLotEvent.Visitor<LotFacts> {
        @Override
        public LotFacts visit(PigmentLotReceived received) {
            return new LotFacts(
                    received.lotId(),
                    received.clinicId(),
                    received.brand(),
                    received.shade(),
                    received.batchNumber(),
                    received.expiresOn(),
                    received.receivedAt(),
                    Optional.empty());
        }

        @Override
        public LotFacts visit(PigmentLotRecalled recalled) {
            if (lot == null || lot.recall().isPresent()) {
                return lot;
            }
            return new LotFacts(
                    lot.lotId(),
                    lot.clinicId(),
                    lot.brand(),
                    lot.shade(),
                    lot.batchNumber(),
                    lot.expiresOn(),
                    lot.receivedAt(),
                    Optional.of(new Recall(recalled.recalledAt(), recalled.reason())));
        }
    }
}
