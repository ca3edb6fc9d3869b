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
            if (event instanceof PigmentLotReceived received) {
                lot = new LotFacts(
                        received.lotId(),
                        received.clinicId(),
                        received.brand(),
                        received.shade(),
                        received.batchNumber(),
                        received.expiresOn(),
                        received.receivedAt(),
                        Optional.empty());
            } else if (event instanceof PigmentLotRecalled recalled
                    && lot != null
                    && lot.recall().isEmpty()) {
                lot = new LotFacts(
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
        return Optional.ofNullable(lot);
    }
}
