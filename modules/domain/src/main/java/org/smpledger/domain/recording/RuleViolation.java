package org.smpledger.domain.recording;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A command the clinic's rules refuse. Carries the rule's id (stable, e.g. {@code session-interval}),
 * a message in the clinic's words and the numbers involved (e.g. days since the last session and the
 * minimum), so the API can say exactly why.
 */
public class RuleViolation extends RuntimeException {

    /** How the refusal reads from outside: a rule said no, the request conflicts with the record, or the record is not there. */
    public enum Kind {
        REFUSED,
        CONFLICT,
        NOT_FOUND
    }

    private final Kind kind;
    private final String rule;
    private final Map<String, Object> numbers;

    private RuleViolation(Kind kind, String rule, String message, Map<String, ?> numbers) {
        super(message, null, false, false);
        this.kind = kind;
        this.rule = rule;
        this.numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
    }

    public static RuleViolation refused(String rule, String message, Map<String, ?> numbers) {
        return new RuleViolation(Kind.REFUSED, rule, message, numbers);
    }

    public static RuleViolation conflict(String rule, String message, Map<String, ?> numbers) {
        return new RuleViolation(Kind.CONFLICT, rule, message, numbers);
    }

    public static RuleViolation notFound(String rule, String message, Map<String, ?> numbers) {
        return new RuleViolation(Kind.NOT_FOUND, rule, message, numbers);
    }

    public Kind kind() {
        return kind;
    }

    public String rule() {
        return rule;
    }

    public Map<String, Object> numbers() {
        return numbers;
    }

    /** Builds the numbers of a refusal in the order they are given (keys and values alternate). */
    public static Map<String, Object> numbers(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, Object> numbers = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            numbers.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return numbers;
    }
}
