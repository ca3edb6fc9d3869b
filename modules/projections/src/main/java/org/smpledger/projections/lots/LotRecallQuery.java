package org.smpledger.projections.lots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smpledger.projections.Page;
import org.smpledger.projections.store.LiveGenerations;

/** Answers "which of our clients received lot X" with one {@code _id} lookup. */
public final class LotRecallQuery {

    private final LiveGenerations generations;

    public LotRecallQuery(LiveGenerations generations) {
        this.generations = generations;
    }

    /**
     * The lot as {@code clinicId} sees it: empty when that clinic did not receive it (unknown, or
     * another clinic's), and only that clinic's uses of it (a correction in another clinic's record
     * naming this lot id never shows here). Clients in the order they first received it.
     */
    public Optional<LotRecall> clients(String lotId, String clinicId, int page, int size) {
        StoredLot lot = generations.byId(LotUsageProjection.NAME, StoredLot.MODEL, lotId);
        if (lot == null || clinicId == null || !clinicId.equals(lot.clinicId())) {
            return Optional.empty();
        }
        Map<String, List<LotRecall.Use>> byClient = new LinkedHashMap<>();
        for (StoredLot.Use use : lot.uses()) {
            if (!clinicId.equals(use.clinicId())) {
                continue;
            }
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
