package org.smpledger.projections.lots;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.smpledger.projections.Page;
import org.smpledger.projections.store.LiveGenerations;

/** Answers "which clients received lot X" with one {@code _id} lookup. */
public final class LotRecallQuery {

    private final LiveGenerations generations;

    public LotRecallQuery(LiveGenerations generations) {
        this.generations = generations;
    }

    /** Empty when the lot was neither received nor used. Clients in the order they first received it. */
    public Optional<LotRecall> clients(String lotId, int page, int size) {
        Document lot = generations.byId(LotUsageProjection.NAME, LotUsageProjection.LOTS, lotId);
        if (lot == null) {
            return Optional.empty();
        }
        Map<String, List<LotRecall.Use>> byClient = new LinkedHashMap<>();
        for (Document use : lot.getList("uses", Document.class)) {
            byClient.computeIfAbsent(use.getString("clientId"), c -> new ArrayList<>())
                    .add(new LotRecall.Use(
                            use.getString("eventId"),
                            use.getString("kind"),
                            use.getString("sessionId"),
                            use.getInteger("course"),
                            use.getInteger("sessionNumber"),
                            instant(use.getString("at")),
                            use.getList("zones", String.class),
                            use.getString("status")));
        }
        List<LotRecall.ClientUse> clients = byClient.entrySet().stream()
                .map(e -> new LotRecall.ClientUse(e.getKey(), List.copyOf(e.getValue())))
                .toList();
        int received = (int) clients.stream()
                .filter(c -> c.uses().stream().anyMatch(u -> LotUsageProjection.RECEIVED.equals(u.status())))
                .count();
        Document recall = lot.get("recall", Document.class);
        return Optional.of(new LotRecall(
                lotId,
                lot.getString("clinicId"),
                lot.getString("brand"),
                lot.getString("shade"),
                lot.getString("batchNumber"),
                lot.getString("expiresOn"),
                recall == null
                        ? null
                        : new LotRecall.Recall(
                                recall.getString("reason"),
                                instant(recall.getString("recalledAt")),
                                recall.getString("recalledBy"),
                                recall.getString("authorityReference")),
                received,
                Page.of(clients, page, size)));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
