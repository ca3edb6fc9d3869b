package org.smpledger.events;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/**
 * What one event type is, read once from its declaration: its published name, revision and
 * stream ({@link EventType}) and the facts marked on its fields ({@link RecordId},
 * {@link Identifying}, {@link NotNegative}). Facts about an event type or one of its fields are
 * declared on the record and read here, nowhere else.
 */
public final class EventDescription {

    private final Class<? extends SmpEvent> type;
    private final EventType published;
    private final RecordComponent recordId;

    private EventDescription(Class<? extends SmpEvent> type, EventType published, RecordComponent recordId) {
        this.type = type;
        this.published = published;
        this.recordId = recordId;
    }

    /**
     * Reads the declaration of an event type.
     *
     * @throws IllegalArgumentException when the type is not a record with an {@link EventType}
     *     and exactly one {@link RecordId} text field
     */
    static EventDescription of(Class<? extends SmpEvent> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        EventType published = SmpEvent.typeOf(type);
        List<RecordComponent> ids = Arrays.stream(type.getRecordComponents())
                .filter(c -> c.isAnnotationPresent(RecordId.class))
                .toList();
        if (ids.size() != 1 || ids.get(0).getType() != String.class) {
            throw new IllegalArgumentException(
                    type.getName() + " must mark exactly one String field @RecordId, marks " + ids.size());
        }
        return new EventDescription(type, published, ids.get(0));
    }

    public Class<? extends SmpEvent> type() {
        return type;
    }

    /** The published type name, e.g. {@code SessionCompleted}. */
    public String name() {
        return published.name();
    }

    public String revision() {
        return published.revision();
    }

    public StreamType stream() {
        return published.stream();
    }

    /** The name of the field holding the id of what the event recorded. */
    public String recordIdField() {
        return recordId.getName();
    }

    /** The id of what this event recorded: a session id, a lot id; for the registration, the client id. */
    public String recordIdOf(SmpEvent event) {
        if (event.getClass() != type) {
            throw new IllegalArgumentException(event.getClass().getName() + " is not a " + name());
        }
        try {
            return (String) recordId.getAccessor().invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + recordId.getName() + " of " + name(), e);
        }
    }

    @Override
    public String toString() {
        return name() + " (revision " + revision() + ")";
    }
}
