package org.smpledger.projections.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.Document;
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
        Document stored = generations.byId(TimelineProjection.NAME, TimelineProjection.COLLECTION, clientId);
        if (stored == null) {
            return Optional.empty();
        }
        List<ClientTimeline.Entry> entries = new ArrayList<>();
        for (Document entry : stored.getList("entries", Document.class)) {
            if (recordedBy(entry, asOf)) {
                entries.add(entry(entry, asOf));
            }
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new ClientTimeline(clientId, stored.getString("clinicId"), asOf, Page.of(entries, page, size)));
    }

    private static boolean recordedBy(Document document, Instant asOf) {
        return asOf == null || !Instant.parse(document.getString("recordedAt")).isAfter(asOf);
    }

    private static ClientTimeline.Entry entry(Document entry, Instant asOf) {
        List<ClientTimeline.Correction> corrections = new ArrayList<>();
        boolean voided = false;
        Map<String, String> correctedValues = new TreeMap<>();
        for (Document c : entry.getList("corrections", Document.class, List.of())) {
            if (!recordedBy(c, asOf)) {
                continue;
            }
            Map<String, String> changes = changes(c.getList("changes", Document.class, List.of()));
            corrections.add(new ClientTimeline.Correction(
                    c.getString("eventId"),
                    number(c, "sequence"),
                    instant(c, "recordedAt"),
                    c.getString("actorId"),
                    c.getString("reason"),
                    c.getBoolean("voided", false),
                    changes));
            voided |= c.getBoolean("voided", false);
            correctedValues.putAll(changes);
        }
        Document override = entry.get("override", Document.class);
        Map<String, Double> density = new LinkedHashMap<>();
        entry.get("densityAdded", Document.class)
                .forEach((zone, value) -> density.put(zone, ((Number) value).doubleValue()));
        return new ClientTimeline.Entry(
                entry.getString("eventId"),
                number(entry, "sequence"),
                entry.getString("type"),
                entry.getString("what"),
                instant(entry, "recordedAt"),
                instant(entry, "occurredAt"),
                entry.getString("actorId"),
                entry.getString("actorRole"),
                entry.getList("zones", String.class),
                entry.getList("lots", String.class),
                density,
                entry.getString("sessionId"),
                entry.getInteger("course"),
                entry.getInteger("sessionNumber"),
                override == null
                        ? null
                        : new ClientTimeline.Override(
                                override.getString("reason"),
                                override.getString("approvedBy"),
                                override.getList("limitsExceeded", String.class)),
                entry.getString("corrects"),
                voided,
                correctedValues,
                corrections);
    }

    private static Map<String, String> changes(List<Document> pairs) {
        Map<String, String> values = new TreeMap<>();
        pairs.forEach(pair -> values.put(pair.getString("field"), pair.getString("value")));
        return values;
    }

    private static long number(Document document, String key) {
        return document.get(key, Number.class).longValue();
    }

    private static Instant instant(Document document, String key) {
        String text = document.getString(key);
        return text == null ? null : Instant.parse(text);
    }
}
