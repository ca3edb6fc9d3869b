package org.smpledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kind of value one event field holds, and how a value written as text (as a correction
 * carries it) is read into the field's own Java type. Only plain values have a kind: a group of
 * fields (a nested record, a list, a map) is corrected field by field.
 */
public final class FieldKind {

    /** How the text of a value is written. */
    public enum Form {
        TEXT,
        NUMBER,
        WHOLE_NUMBER,
        TRUE_OR_FALSE,
        INSTANT,
        DATE,
        ONE_OF
    }

    private final Class<?> type;
    private final Form form;
    private final boolean notNegative;
    private final boolean proportion;

    private FieldKind(Class<?> type, Form form, boolean notNegative, boolean proportion) {
        this.type = type;
        this.form = form;
        this.notNegative = notNegative || proportion;
        this.proportion = proportion;
    }

    /** The kind of a field of this Java type; empty for a group of fields or a type not written as text. */
    static Optional<FieldKind> of(Class<?> type, boolean notNegative, boolean proportion) {
        Form form = formOf(type);
        return form == null ? Optional.empty() : Optional.of(new FieldKind(type, form, notNegative, proportion));
    }

    private static Form formOf(Class<?> type) {
        if (type == String.class) {
            return Form.TEXT;
        }
        if (type == double.class || type == Double.class) {
            return Form.NUMBER;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return Form.WHOLE_NUMBER;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Form.TRUE_OR_FALSE;
        }
        if (type == Instant.class) {
            return Form.INSTANT;
        }
        if (type == LocalDate.class) {
            return Form.DATE;
        }
        return type.isEnum() ? Form.ONE_OF : null;
    }

    /** The field's Java type ({@code int}, {@code Double}, an enum, ...). */
    public Class<?> type() {
        return type;
    }

    public Form form() {
        return form;
    }

    /** The field is marked {@link NotNegative} (or {@link Proportion}, which is never negative either). */
    public boolean notNegative() {
        return notNegative;
    }

    /** The field is marked {@link Proportion}: from 0 to 1. */
    public boolean proportion() {
        return proportion;
    }

    /**
     * The value this text stands for, as the field's Java type (boxed for primitives); empty when
     * the text does not fit the field: not a finite number, a fraction for a whole number, a
     * negative number for a {@link NotNegative} field, a number outside 0 to 1 for a
     * {@link Proportion}, not a constant of the enum, not ISO-8601.
     */
    public Optional<Object> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(
                    switch (form) {
                        case TEXT -> text;
                        case NUMBER -> number(text);
                        case WHOLE_NUMBER -> wholeNumber(text);
                        case TRUE_OR_FALSE ->
                            text.equals("true") || text.equals("false") ? Boolean.valueOf(text) : null;
                        case INSTANT -> Instant.parse(text);
                        case DATE -> LocalDate.parse(text);
                        case ONE_OF -> constant(text);
                    });
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Double number(String text) {
        double number = Double.parseDouble(text);
        return Double.isFinite(number) && !(notNegative && number < 0) && !(proportion && number > 1) ? number : null;
    }

    private Object wholeNumber(String text) {
        Double number = number(text);
        if (number == null || number != Math.rint(number)) {
            return null;
        }
        boolean asInt = type == int.class || type == Integer.class;
        if (asInt ? number < Integer.MIN_VALUE || number > Integer.MAX_VALUE : Math.abs(number) >= 0x1p63) {
            return null;
        }
        return asInt ? (Object) number.intValue() : (Object) number.longValue();
    }

    private Object constant(String text) {
        return Arrays.stream(type.getEnumConstants())
                .filter(c -> ((Enum<?>) c).name().equals(text))
                .findFirst()
                .orElse(null);
    }

    /** What a value of this kind looks like, in words: "a number", "one of [CROWN, ...]". */
    public String describe() {
        String sign = notNegative ? ", not negative" : "";
        return switch (form) {
            case TEXT -> "text";
            case NUMBER -> proportion ? "a number from 0 to 1" : "a number" + sign;
            case WHOLE_NUMBER -> "a whole number" + sign;
            case TRUE_OR_FALSE -> "true or false";
            case INSTANT, DATE -> "a " + type.getSimpleName() + " in ISO-8601";
            case ONE_OF -> "one of " + Arrays.toString(type.getEnumConstants());
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}
