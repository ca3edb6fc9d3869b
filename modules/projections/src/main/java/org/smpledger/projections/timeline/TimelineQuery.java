package org.smpledger.projections.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.smpledger.projections.Page;
import org.smpledger.projections.store.LiveGenerations;

/** Reads a client's timeline: one {@code _id} lookup, then the asOf cut and the page in memory. */
public final class TimelineQuery {

    private final LiveGenerations generations;

    public TimelineQuery(LiveGenerations generations) {
        this.generations = generations;
    }

    /** Empty when the client is unknown, or had no recorded step yet at {@code asOf}. */
    public Optional<ClientTimeline> timeline(String clientId, Instant asOf, int page, int size) {
        StoredTimeline stored = generations.byId(TimelineProjection.NAME, StoredTimeline.MODEL, clientId);
        if (stored == null) {
            return Optional.empty();
        }
        List<ClientTimeline.Entry> entries = new ArrayList<>();
        for (StoredTimeline.Entry entry : stored.entries()) {
            if (recordedBy(entry.recordedAt(), asOf)) {
                entries.add(entry(entry, asOf));
            }
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ClientTimeline(clientId, stored.clinicId(), asOf, Page.of(entries, page, size)));
    }

    private static boolean recordedBy(Instant recordedAt, Instant asOf) {
        return asOf == null || !recordedAt.isAfter(asOf);
    }

    private static ClientTimeline.Entry entry(StoredTimeline.Entry entry, Instant asOf) {
        List<ClientTimeline.Correction> corrections = new ArrayList<>();
        boolean voided = false;
        Map<String, String> correctedValues = new TreeMap<>();
        for (StoredTimeline.Correction c : entry.corrections()) {
            if (!recordedBy(c.recordedAt(), asOf)) {
                continue;
            }
            Map<String, String> changes = new TreeMap<>();
            c.changes().forEach(change -> changes.put(change.field(), change.value()));
            corrections.add(new ClientTimeline.Correction(
                    c.eventId(), c.sequence(), c.recordedAt(), c.actorId(), c.reason(), c.voided(), changes));
            voided |= c.voided();
            correctedValues.putAll(changes);
        }
        StoredTimeline.SessionOverride override = entry.override();
        return new ClientTimeline.Entry(
                entry.eventId(),
                entry.sequence(),
                entry.type(),
                entry.what(),
                entry.recordedAt(),
                entry.occurredAt(),
                entry.actorId(),
                entry.actorRole(),
                entry.zones(),
                entry.lots(),
                new TreeMap<>(entry.densityAdded()),
                entry.sessionId(),
                entry.course(),
                entry.sessionNumber(),
                override == null
                        ? null
                        : new ClientTimeline.Override(
                                override.reason(), override.approvedBy(), override.limitsExceeded()),
                entry.corrects(),
                voided,
                correctedValues,
                corrections);
    }
}
