package org.smpledger.events.treatment;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A client's record as its corrections leave it, folded event by event in stream order: each
 * event stays in its place, replaced by its corrected copy ({@link Correction#applyTo}) when a
 * correction names it; a voided event drops out. The corrections themselves are not listed: what
 * they changed is in the events.
 */
public final class CorrectedHistory {

    private final Map<String, TreatmentRecordEvent> events = new LinkedHashMap<>();
    private final Set<String> voided = new HashSet<>();

    /** Folds the next event of the stream in. */
    public void add(String eventId, TreatmentRecordEvent event) {
        if (!(event instanceof RecordCorrected correction)) {
            events.put(eventId, event);
            return;
        }
        String target = correction.correctedEventId();
        TreatmentRecordEvent before = events.get(target);
        if (before == null) {
            return;
        }
        Optional<TreatmentRecordEvent> after =
                Correction.of(correction, before.getClass()).applyTo(before);
        if (after.isPresent()) {
            events.put(target, after.get());
        } else {
            events.remove(target);
            voided.add(target);
        }
    }

    /** Every event that still counts, as corrected, in stream order. */
    public List<TreatmentRecordEvent> events() {
        return List.copyOf(events.values());
    }

    /** The events of one type that still count, as corrected, in stream order. */
    public <E extends TreatmentRecordEvent> List<E> events(Class<E> type) {
        return events.values().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The event as corrected; empty when it was voided, is a correction, or is not in this record. */
    public Optional<TreatmentRecordEvent> event(String eventId) {
        return Optional.ofNullable(events.get(eventId));
    }

    public boolean voided(String eventId) {
        return voided.contains(eventId);
    }
}
