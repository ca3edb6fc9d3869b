package org.smpledger.projections.lots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        StoredLot lot = generations.byId(LotUsageProjection.NAME, StoredLot.MODEL, lotId);
        if (lot == null) {
            return Optional.empty();
        }
        Map<String, List<LotRecall.Use>> byClient = new LinkedHashMap<>();
        for (StoredLot.Use use : lot.uses()) {
            byClient.computeIfAbsent(use.clientId(), c -> new ArrayList<>())
                    .add(new LotRecall.Use(
                            use.eventId(),
                            use.kind(),
                            use.sessionId(),
                            use.course(),
                            use.sessionNumber(),
                            use.at(),
                            use.zones(),
                            use.status()));
        }
        List<LotRecall.ClientUse> clients = byClient.entrySet().stream()
                .map(e -> new LotRecall.ClientUse(e.getKey(), List.copyOf(e.getValue())))
                .toList();
        int received = (int) clients.stream()
                .filter(c -> c.uses().stream().anyMatch(u -> LotUsageProjection.RECEIVED.equals(u.status())))
                .count();
        StoredLot.Recall recall = lot.recall();
        return Optional.of(new LotRecall(
                lotId,
                lot.clinicId(),
                lot.brand(),
                lot.shade(),
                lot.batchNumber(),
                lot.expiresOn() == null ? null : lot.expiresOn().toString(),
                recall == null
                        ? null
                        : new LotRecall.Recall(
                                recall.reason(), recall.recalledAt(), recall.recalledBy(), recall.authorityReference()),
                received,
                Page.of(clients, page, size)));
    }
}
