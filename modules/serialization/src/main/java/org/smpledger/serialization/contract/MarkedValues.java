package org.smpledger.serialization.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.EventDescription;
import org.smpledger.events.FieldMarks;
import org.smpledger.events.FieldPath;
import org.smpledger.events.SmpEvent;

/**
 * Finds, in an event's JSON payload, every value the contract marks ({@link EventDescription#markedFields()}):
 * each with the object holding it, its name there, its place in the payload ({@code zoneWork[1].notes},
 * {@code changes[notes]}) and its marks. Values that are absent or null are not visited.
 */
public final class MarkedValues {

    private MarkedValues() {}

    /** Called for each marked value found. */
    @FunctionalInterface
    public interface Visit {
        void at(ObjectNode holder, String field, String place, FieldMarks marks);
    }

    public static void visit(Class<? extends SmpEvent> type, JsonNode payload, Visit visit) {
        for (EventDescription.MarkedField marked : EventCatalog.describe(type).markedFields()) {
            visitPath(payload, marked.path().split("\\."), 0, "", marked, visit);
        }
    }

    /** The field naming the type of the event a {@code @CorrectedValues} map's paths belong to. */
    private static final String CORRECTED_TYPE = "correctedEventType";

    /** The marks of the field a path names; every mark when the path or its type cannot be read. */
    private static FieldMarks marksOf(Optional<Class<? extends SmpEvent>> type, String path) {
        if (type.isEmpty()) {
            return ALL;
        }
        try {
            return FieldPath.parse(type.get(), path).marks();
        } catch (FieldPath.Invalid e) {
            return ALL;
        }
    }

    private static final FieldMarks ALL = new FieldMarks(false, true, true);

    private static void visitPath(
            JsonNode node, String[] segments, int at, String place, EventDescription.MarkedField marked, Visit visit) {
        if (!(node instanceof ObjectNode holder)) {
            return;
        }
        String segment = segments[at];
        boolean list = segment.endsWith("[]");
        String name = list ? segment.substring(0, segment.length() - 2) : segment;
        JsonNode value = holder.get(name);
        if (value == null || value.isNull()) {
            return;
        }
        String here = place.isEmpty() ? name : place + "." + name;
        if (list) {
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    visitPath(value.get(i), segments, at + 1, here + "[" + i + "]", marked, visit);
                }
            }
            return;
        }
        if (at < segments.length - 1) {
            visitPath(value, segments, at + 1, here, marked, visit);
            return;
        }
        if (!marked.perEntry()) {
            visit.at(holder, name, here, marked.marks());
            return;
        }
        if (value instanceof ObjectNode entries) {
            Optional<Class<? extends SmpEvent>> corrected = Optional.ofNullable(holder.get(CORRECTED_TYPE))
                    .filter(JsonNode::isTextual)
                    .flatMap(typeName -> EventCatalog.byName(typeName.asText()));
            List<String> keys = new ArrayList<>();
            entries.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode entry = entries.get(key);
                if (entry != null && !entry.isNull()) {
                    FieldMarks marks = marked.marks()
                            .and(new FieldMarks(EventCatalog.personalPath(key), false, false))
                            .and(marksOf(corrected, key));
                    visit.at(entries, key, here + "[" + key + "]", marks);
                }
            }
        }
    }
}
