package org.smpledger.domain.treatment;

import java.util.Map;
import java.util.Objects;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.smpledger.domain.recording.Recorded;
import org.smpledger.domain.recording.RuleViolation;

/** Hamcrest matchers for the fixture: a refusal by rule with its numbers, and a recorded outcome. */
final class Refusals {

    private Refusals() {}

    private static boolean same(Object actual, Object expected) {
        if (actual instanceof Number a && expected instanceof Number b) {
            return Math.abs(a.doubleValue() - b.doubleValue()) < 1e-9;
        }
        return Objects.equals(String.valueOf(actual), String.valueOf(expected));
    }

    /** Numbers compare by value (5, 5L and 5.0 are the same), anything else as text. */
    static Matcher<RuleViolation> refusedBy(String rule, RuleViolation.Kind kind, Map<String, ?> numbers) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return violation.rule().equals(rule)
                        && violation.kind() == kind
                        && numbers.entrySet().stream()
                                .allMatch(e -> same(violation.numbers().get(e.getKey()), e.getValue()));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("refused by " + rule + " (" + kind + ") with " + numbers);
            }

            @Override
            protected void describeMismatchSafely(RuleViolation item, Description mismatch) {
                mismatch.appendText("was " + item.rule() + " (" + item.kind() + ") with " + item.numbers() + ": "
                        + item.getMessage());
            }
        };
    }

    static Matcher<RuleViolation> refusedBy(String rule, Map<String, ?> numbers) {
        return refusedBy(rule, RuleViolation.Kind.REFUSED, numbers);
    }

    static Matcher<RuleViolation> refusedBy(String rule) {
        return refusedBy(rule, Map.of());
    }

    static Matcher<Recorded> recorded(String eventType, String recordId, long streamVersion) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Recorded recorded) {
                return recorded.eventType().equals(eventType)
                        && recorded.recordId().equals(recordId)
                        && recorded.streamVersion() == streamVersion
                        && recorded.eventId() != null;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(eventType + " " + recordId + " at version " + streamVersion);
            }
        };
    }
}
