package org.smpledger.events;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What one event type is, read once from its declaration: its published name, revision and
 * stream ({@link EventType}) and the facts marked on its fields ({@link RecordId},
 * {@link Identifying}, {@link NotNegative}, {@link PersonalData}, {@link FreeText},
 * {@link HealthData}, {@link CorrectedValues}). Facts about an event type or one of its fields are
 * declared on the record and read here, nowhere else.
 */
public final class EventDescription {

    private final Class<? extends SmpEvent> type;
    private final EventType published;
    private final RecordComponent recordId;
    private final List<MarkedField> markedFields;

    /**
     * A field the contract marks, by its place in the payload: field names separated by dots, a list's
     * entries as {@code []} ({@code zoneWork[].notes}). With {@code perEntry}, the field is a
     * {@link CorrectedValues} map whose entries take the marks of the field each one names.
     */
    public record MarkedField(String path, FieldMarks marks, boolean perEntry) {}

    private EventDescription(Class<? extends SmpEvent> type, EventType published, RecordComponent recordId) {
        this.type = type;
        this.published = published;
        this.recordId = recordId;
        List<MarkedField> marked = new ArrayList<>();
        collectMarks(type, "", FieldMarks.NONE, marked);
        this.markedFields = List.copyOf(marked);
    }

    private static void collectMarks(Class<?> record, String prefix, FieldMarks outer, List<MarkedField> into) {
        for (RecordComponent component : record.getRecordComponents()) {
            String path = prefix + component.getName();
            FieldMarks marks = outer.and(FieldMarks.of(component));
            if (component.isAnnotationPresent(CorrectedValues.class)) {
                if (!Map.class.isAssignableFrom(component.getType())) {
                    throw new IllegalArgumentException(
                            path + " of " + record.getName() + " is @CorrectedValues but not a map");
                }
                into.add(new MarkedField(path, marks, true));
                continue;
            }
            if (marks.any() && !marks.equals(outer)) {
                into.add(new MarkedField(path, marks, false));
            }
            if (marks.personal()) {
                continue;
            }
            if (component.getType().isRecord()) {
                collectMarks(component.getType(), path + ".", marks, into);
            } else if (List.class.isAssignableFrom(component.getType())
                    && component.getGenericType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element
                    && element.isRecord()) {
                collectMarks(element, path + "[].", marks, into);
            }
        }
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

    /**
     * Every field the contract marks (personal data, free text, health facts), outermost first. A
     * field inside a marked one has its marks too, and is listed again only when it adds one (the
     * personal {@code note} of a health finding: {@code findings[].note}); nothing inside a personal
     * field is listed. Fields not listed are published on the public topics.
     */
    public List<MarkedField> markedFields() {
        return markedFields;
    }

    /**
     * The fields holding personal data, e.g. {@code personalDetails}, {@code zoneWork[].notes}: what
     * is stored encrypted, withheld from analysts and never published. A {@link CorrectedValues} map
     * is not listed: its entries are personal where the field they name is ({@link FieldPath#marks}).
     */
    public List<String> personalFields() {
        return markedFields.stream()
                .filter(f -> !f.perEntry() && f.marks().personal())
                .map(MarkedField::path)
                .toList();
    }

    /** Whether any field of this type, or an entry of its corrected values, can hold personal data. */
    public boolean mayHoldPersonalData() {
        return markedFields.stream().anyMatch(f -> f.perEntry() || f.marks().personal());
    }

    /** Whether this event holds any personal value (a non-null personal field, a personal entry of its changes). */
    public boolean holdsPersonalData(SmpEvent event) {
        for (MarkedField marked : markedFields) {
            if ((marked.perEntry() || marked.marks().personal())
                    && holds(event, marked.path().split("\\."), 0, marked)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holds(Object holder, String[] segments, int at, MarkedField marked) {
        if (holder == null || !holder.getClass().isRecord()) {
            return false;
        }
        String segment = segments[at];
        boolean list = segment.endsWith("[]");
        String name = list ? segment.substring(0, segment.length() - 2) : segment;
        Object value = read(holder, name);
        if (value == null) {
            return false;
        }
        if (list) {
            return ((List<?>) value).stream().anyMatch(element -> holds(element, segments, at + 1, marked));
        }
        if (at < segments.length - 1) {
            return holds(value, segments, at + 1, marked);
        }
        if (marked.perEntry()) {
            return ((Map<?, ?>) value)
                    .keySet().stream().anyMatch(key -> EventCatalog.personalPath(String.valueOf(key)));
        }
        return !(value instanceof String text) || !text.isBlank();
    }

    private static Object read(Object record, String component) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(component)) {
                try {
                    return c.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(
                            "cannot read " + component + " of "
                                    + record.getClass().getName(),
                            e);
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name() + " (revision " + revision() + ")";
    }
}
