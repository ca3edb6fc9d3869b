package org.smpledger.events.treatment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.FieldPath;
import org.smpledger.events.SmpEvent;

/**
 * A stored {@link RecordCorrected} read against the type of the event it corrects: each change a
 * {@link FieldPath} and a value of that field's type. This is the one place a correction's text
 * is read, and {@link #applyTo} the one way an event is corrected: every rule and read model sees
 * an event as its corrections leave it.
 *
 * <p>The command side refuses a change it cannot read before it is stored; a stored one is there
 * for good, so reading never fails: a change that names no field of the type, would change what
 * {@linkplain org.smpledger.events.Identifying identifies} the record, holds a value that does
 * not fit the field, or names a list entry the event does not have is left out.
 */
public final class Correction {

    /** One corrected field and its value, of the field's {@link org.smpledger.events.FieldKind#type()}. */
    public record Change(FieldPath field, Object value) {}

    private final RecordCorrected recorded;
    private final Class<? extends SmpEvent> correctedType;
    private final List<Change> changes;

    private Correction(RecordCorrected recorded, Class<? extends SmpEvent> correctedType, List<Change> changes) {
        this.recorded = recorded;
        this.correctedType = correctedType;
        this.changes = List.copyOf(changes);
    }

    /** Reads a stored correction against the type it names ({@code correctedEventType}); no changes if it is unknown. */
    public static Correction of(RecordCorrected recorded) {
        return EventCatalog.byName(String.valueOf(recorded.correctedEventType()))
                .map(type -> of(recorded, type))
                .orElseGet(() -> new Correction(recorded, null, List.of()));
    }

    /** Reads a stored correction against the type of the event it corrects. */
    public static Correction of(RecordCorrected recorded, Class<? extends SmpEvent> correctedType) {
        List<Change> changes = new ArrayList<>();
        Map<String, String> given = recorded.changes() == null ? Map.of() : recorded.changes();
        for (Map.Entry<String, String> change : given.entrySet()) {
            try {
                FieldPath field = FieldPath.parse(correctedType, change.getKey());
                if (!field.identifying()) {
                    field.kind().read(change.getValue()).ifPresent(value -> changes.add(new Change(field, value)));
                }
            } catch (FieldPath.Invalid unreadable) {
                // refused on the command side; a stored one is left out
            }
        }
        return new Correction(recorded, correctedType, changes);
    }

    public RecordCorrected recorded() {
        return recorded;
    }

    public String correctedEventId() {
        return recorded.correctedEventId();
    }

    /** The whole event was entered in error. */
    public boolean voided() {
        return recorded.voided();
    }

    /** The changes that could be read, in the order given. */
    public List<Change> changes() {
        return changes;
    }

    /**
     * The event as this correction leaves it: empty when voided, otherwise a new event with every
     * change it can hold (a change naming a list entry the event does not have is left out).
     */
    public <E extends TreatmentRecordEvent> Optional<E> applyTo(E event) {
        if (voided()) {
            return Optional.empty();
        }
        if (event.getClass() != correctedType) {
            return of(recorded, event.getClass()).applyTo(event);
        }
        E corrected = event;
        for (Change change : changes) {
            if (change.field().reachIn(corrected).whole()) {
                try {
                    corrected = change.field().with(corrected, change.value());
                } catch (IllegalArgumentException refusedByTheRecord) {
                    // a value the event's own record does not accept is left out like any unreadable one
                }
            }
        }
        return Optional.of(corrected);
    }

    /**
     * The event as its corrections leave it, applied in the order they were recorded; empty once
     * one of them voided it. Corrections naming another event are ignored.
     */
    public static <E extends TreatmentRecordEvent> Optional<E> asCorrected(
            String eventId, E event, List<RecordCorrected> corrections) {
        Optional<E> corrected = Optional.of(event);
        for (RecordCorrected correction : corrections) {
            if (eventId.equals(correction.correctedEventId())) {
                corrected = corrected.flatMap(e -> of(correction, e.getClass()).applyTo(e));
            }
        }
        return corrected;
    }
}
