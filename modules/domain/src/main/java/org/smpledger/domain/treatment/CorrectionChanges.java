package org.smpledger.domain.treatment;

import static org.smpledger.domain.recording.RuleViolation.numbers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.events.FieldKind;
import org.smpledger.events.FieldPath;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/**
 * The {@code changes} of a correction: each key is the {@link FieldPath} of one field of the
 * corrected event ({@code zoneWork[1].densityAddedFraction}, {@code goals}, {@code findings[0].waitUntil}),
 * each value its corrected value as text. Every reader applies them through the same type, so only
 * paths the corrected event really holds (list indexes in range), fields that do not identify the
 * record, and values of the field's kind are kept; anything else is refused before it is stored.
 */
final class CorrectionChanges {

    private static final int MAX_CHANGES = CorrectRecord.MAX_CHANGES;
    private static final int MAX_VALUE_LENGTH = CorrectRecord.MAX_VALUE_LENGTH;

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
            FieldPath field = fieldOf(target, key);
            String value = change.getValue();
            if (value == null
                    || value.length() > MAX_VALUE_LENGTH
                    || field.kind().read(value).isEmpty()) {
                throw RuleViolation.refused(
                        "correction-value-invalid",
                        "%s = %s does not fit this %s (%s)."
                                .formatted(key, value, target.getClass().getSimpleName(), describe(field.kind())),
                        numbers("field", key, "value", String.valueOf(value), "expected", describe(field.kind())));
            }
            kept.put(key, value);
        }
        return Collections.unmodifiableMap(kept);
    }

    /** The path of a field this event holds and a correction may change. */
    private static FieldPath fieldOf(TreatmentRecordEvent target, String key) {
        FieldPath field;
        try {
            field = FieldPath.parse(target.getClass(), key);
        } catch (FieldPath.Invalid invalid) {
            if (invalid.problem() == FieldPath.Problem.NOT_A_LIST) {
                throw tooFewEntries(target, key, invalid.at(), 0);
            }
            throw fieldRefused(key, why(invalid.problem(), target));
        }
        if (field.identifying()) {
            throw fieldRefused(
                    key, "identifies the record and cannot be corrected; void the event and record it again");
        }
        FieldPath.Reach reach = field.reachIn(target);
        if (reach.listTooShort()) {
            throw tooFewEntries(target, key, reach.stoppedAt(), reach.entries());
        }
        if (!reach.whole()) {
            throw fieldRefused(key, "names a field the corrected event does not hold");
        }
        return field;
    }

    private static String why(FieldPath.Problem problem, TreatmentRecordEvent target) {
        return switch (problem) {
            case NOT_A_PATH -> "is not a field path such as zoneWork[0].densityAddedFraction";
            case NO_SUCH_FIELD -> "names no field of a " + target.getClass().getSimpleName();
            case GROUP_OF_FIELDS -> "names a group of fields; name each field to change";
            case NOT_HELD, NOT_A_LIST -> "names a field the corrected event does not hold";
        };
    }

    private static RuleViolation tooFewEntries(TreatmentRecordEvent target, String key, String list, int entries) {
        return RuleViolation.refused(
                "correction-value-invalid",
                "%s does not fit this %s: %s has %d entries."
                        .formatted(key, target.getClass().getSimpleName(), list, entries),
                numbers("field", key, "entries", entries, "zoneEntries", zoneEntries(target)));
    }

    private static int zoneEntries(TreatmentRecordEvent target) {
        return target instanceof SessionCompleted session && session.zoneWork() != null
                ? session.zoneWork().size()
                : 0;
    }

    private static String describe(FieldKind kind) {
        return kind.form() == FieldKind.Form.TEXT ? "text up to " + MAX_VALUE_LENGTH + " characters" : kind.describe();
    }

    private static RuleViolation fieldRefused(String key, String why) {
        return RuleViolation.refused(
                "correction-field-invalid",
                "Correction key %s %s.".formatted(key, why),
                numbers("field", String.valueOf(key)));
    }
}
