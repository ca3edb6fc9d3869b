package org.smpledger.projections.lots;

import java.time.Instant;
import java.util.List;
import org.smpledger.projections.Page;

/**
 * Every client who received a pigment lot, with each session or patch test that used it.
 * A use's {@code status} is {@code received}, {@code voided} (the session was voided as entered in
 * error) or {@code corrected-away} (a correction says another lot was used); recalls list them all.
 */
public record LotRecall(
        String lotId,
        String clinicId,
        String brand,
        String shade,
        String batchNumber,
        String expiresOn,
        Recall recall,
        int clientsReceived,
        Page<ClientUse> clients) {

    public record Recall(String reason, Instant recalledAt, String recalledBy, String authorityReference) {}

    public record ClientUse(String clientId, List<Use> uses) {}

    public record Use(
            String eventId,
            String kind,
            String sessionId,
            Integer course,
            Integer sessionNumber,
            Instant at,
            List<String> zones,
            String status) {}
}
