package org.smpledger.domain.treatment;

import static org.smpledger.domain.recording.RuleViolation.numbers;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/**
 * The {@code changes} of a correction: each key is the path of one field of the corrected event
 * ({@code zoneWork[1].densityAddedFraction}, {@code goals}, {@code findings[0].waitUntil}), each value
 * its corrected value as text. Projections read these paths back later, so only paths that name a
 * field the corrected event really has (list indexes in range) and values of that field's kind are
 * kept; anything else is refused before it is stored.
 */
final class CorrectionChanges {

    private static final int MAX_CHANGES = CorrectRecord.MAX_CHANGES;
    private static final int MAX_VALUE_LENGTH = CorrectRecord.MAX_VALUE_LENGTH;
    private static final Pattern KEY = Pattern.compile(CorrectRecord.FIELD_PATH);
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9]*)(?:\\[(\\d{1,3})])?");
    private static final Pattern ZONE_WORK_DENSITY =
            Pattern.compile("zoneWork\\[\\d+]\\.(densityAddedFraction|dotsPerCm2)");

    private CorrectionChanges() {}

    /** The changes to store, in the order given; refuses the first one that does not fit {@code target}. */
    static Map<String, String> checked(TreatmentRecordEvent target, Map<String, String> changes) {
        if (changes == null) {
            return Map.of();
        }
        if (changes.size() > MAX_CHANGES) {
            throw RuleViolation.refused(
                    "correction-too-large",
                    "A correction lists at most %d changes; this one lists %d.".formatted(MAX_CHANGES, changes.size()),
                    numbers("changes", changes.size(), "maximum", MAX_CHANGES));
        }
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String key = change.getKey();
            if (key == null || !KEY.matcher(key).matches()) {
                throw fieldRefused(key, "is not a field path such as zoneWork[0].densityAddedFraction");
            }
            if (identifies(target, key)) {
                throw fieldRefused(
                        key, "identifies the record and cannot be corrected; void the event and record it again");
            }
            Class<?> kind = fieldKind(target, key);
            String value = change.getValue();
            if (value == null
                    || value.length() > MAX_VALUE_LENGTH
                    || !fits(kind, value)
                    || ZONE_WORK_DENSITY.matcher(key).matches() && Double.parseDouble(value) < 0) {
                throw RuleViolation.refused(
                        "correction-value-invalid",
                        "%s = %s does not fit this %s (%s)."
                                .formatted(key, value, target.getClass().getSimpleName(), describe(kind)),
                        numbers("field", key, "value", String.valueOf(value), "expected", describe(kind)));
            }
            kept.put(key, value);
        }
        return Collections.unmodifiableMap(kept);
    }

    /**
     * The client, the clinic, the record's own id (the field after {@code clientId}, e.g. {@code sessionId})
     * and the course and session numbers the record counts itself: changing them would make the
     * event a different record, so they are fixed by voiding and recording again.
     */
    private static boolean identifies(TreatmentRecordEvent target, String key) {
        String field = key.split("[.\\[]", 2)[0];
        RecordComponent[] components = target.getClass().getRecordComponents();
        String ownId = components.length > 1 && components[1].getName().endsWith("Id") ? components[1].getName() : null;
        return field.equals("clientId")
                || field.equals("clinicId")
                || field.equals(ownId)
                || target instanceof SessionCompleted && (field.equals("course") || field.equals("sessionNumber"));
    }

    /** Walks the path through the event's own fields and lists; returns the kind of the field it names. */
    private static Class<?> fieldKind(TreatmentRecordEvent target, String key) {
        Object current = target;
        Class<?> kind = target.getClass();
        for (String segment : key.split("\\.")) {
            if (current == null || !kind.isRecord()) {
                throw fieldRefused(key, "names a field the corrected event does not hold");
            }
            Matcher parts = SEGMENT.matcher(segment);
            parts.matches();
            RecordComponent component = Arrays.stream(kind.getRecordComponents())
                    .filter(c -> c.getName().equals(parts.group(1)))
                    .findFirst()
                    .orElseThrow(() -> fieldRefused(
                            key, "names no field of a " + target.getClass().getSimpleName()));
            Object value = read(component, current);
            kind = component.getType();
            if (parts.group(2) != null) {
                if (!(value instanceof List<?> list) || Integer.parseInt(parts.group(2)) >= list.size()) {
                    int entries = value instanceof List<?> list ? list.size() : 0;
                    throw RuleViolation.refused(
                            "correction-value-invalid",
                            "%s does not fit this %s: %s has %d entries."
                                    .formatted(key, target.getClass().getSimpleName(), parts.group(1), entries),
                            numbers("field", key, "entries", entries, "zoneEntries", zoneEntries(target)));
                }
                value = ((List<?>) value).get(Integer.parseInt(parts.group(2)));
                kind = elementType(component.getGenericType());
            }
            current = value;
        }
        if (kind.isRecord() || List.class.isAssignableFrom(kind) || Map.class.isAssignableFrom(kind)) {
            throw fieldRefused(key, "names a group of fields; name each field to change");
        }
        return kind;
    }

    private static int zoneEntries(TreatmentRecordEvent target) {
        return target instanceof SessionCompleted session && session.zoneWork() != null
                ? session.zoneWork().size()
                : 0;
    }

    private static Object read(RecordComponent component, Object from) {
        try {
            return component.getAccessor().invoke(from);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }

    private static Class<?> elementType(Type listType) {
        if (listType instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return Object.class;
    }

    private static boolean fits(Class<?> kind, String value) {
        try {
            if (kind == double.class
                    || kind == Double.class
                    || kind == int.class
                    || kind == Integer.class
                    || kind == long.class
                    || kind == Long.class) {
                double number = Double.parseDouble(value);
                return Double.isFinite(number)
                        && (kind == double.class || kind == Double.class || number == Math.rint(number));
            }
            if (kind == boolean.class || kind == Boolean.class) {
                return value.equals("true") || value.equals("false");
            }
            if (kind.isEnum()) {
                return Arrays.stream(kind.getEnumConstants())
                        .anyMatch(c -> ((Enum<?>) c).name().equals(value));
            }
            if (kind == Instant.class) {
                Instant.parse(value);
            } else if (kind == LocalDate.class) {
                LocalDate.parse(value);
            }
            return true;
        } catch (NumberFormatException | DateTimeParseException e) {
            return false;
        }
    }

    private static String describe(Class<?> kind) {
        if (kind.isEnum()) {
            return "one of " + Arrays.toString(kind.getEnumConstants());
        }
        if (kind == double.class || kind == Double.class) {
            return "a number";
        }
        if (kind == int.class || kind == Integer.class || kind == long.class || kind == Long.class) {
            return "a whole number";
        }
        if (kind == Instant.class || kind == LocalDate.class) {
            return "a " + kind.getSimpleName() + " in ISO-8601";
        }
        return kind == boolean.class || kind == Boolean.class
                ? "true or false"
                : "text up to " + MAX_VALUE_LENGTH + " characters";
    }

    private static RuleViolation fieldRefused(String key, String why) {
        return RuleViolation.refused(
                "correction-field-invalid",
                "Correction key %s %s.".formatted(key, why),
                numbers("field", String.valueOf(key)));
    }
}
