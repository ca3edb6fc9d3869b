package org.smpledger.projections.lots;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;
import org.smpledger.projections.store.ReadModel;

/**
 * A pigment lot as stored ({@code lot_usage_gN}, one document per lot): its label, its recall and
 * every use of it, one per recording event (a session or a patch test).
 */
public record StoredLot(
        @BsonId String lotId,
        String clinicId,
        String brand,
        String shade,
        String batchNumber,
        LocalDate expiresOn,
        Instant receivedAt,
        Recall recall,
        List<Use> uses) {

    static final ReadModel<StoredLot> MODEL =
            new ReadModel<>(LotUsageProjection.LOTS, StoredLot.class, StoredLot::lotId);

    public StoredLot {
        uses = uses == null ? List.of() : uses;
    }

    static StoredLot unknown(String lotId) {
        return new StoredLot(lotId, null, null, null, null, null, null, null, List.of());
    }

    StoredLot received(
            String clinicId, String brand, String shade, String batchNumber, LocalDate expiresOn, Instant at) {
        return new StoredLot(lotId, clinicId, brand, shade, batchNumber, expiresOn, at, recall, uses);
    }

    StoredLot recalled(Recall recall) {
        return new StoredLot(lotId, clinicId, brand, shade, batchNumber, expiresOn, receivedAt, recall, uses);
    }

    StoredLot withUses(List<Use> uses) {
        return new StoredLot(lotId, clinicId, brand, shade, batchNumber, expiresOn, receivedAt, recall, uses);
    }

    public record Recall(String reason, Instant recalledAt, String recalledBy, String authorityReference) {}

    /** One session or patch test that used the lot, and whether it still counts ({@code status}). */
    public record Use(
            String eventId,
            String clientId,
            String clinicId,
            String kind,
            String sessionId,
            Integer course,
            Integer sessionNumber,
            Instant at,
            List<String> zones,
            String status) {}
}
