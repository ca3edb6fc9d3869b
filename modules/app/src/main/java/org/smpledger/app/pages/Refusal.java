package org.smpledger.app.pages;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.smpledger.density.Limit;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.web.Choices;

/**
 * A clinic rule's refusal as a form shows it: the rule (its id and in words), its message, its
 * numbers one per line in words ({@code Would be: 0.8}; a breach of an over-layering limit as
 * {@code Hairline, dose per session: would be 0.8, limit 0.5}), and whether an override lifts it.
 */
public record Refusal(String rule, String ruleWords, String message, List<Line> numbers, boolean overridable) {

    /** The over-layering limits an override with a reason lifts (docs/api.md); the plan is no limit. */
    static final Set<String> OVERRIDABLE = Set.of(
            Limit.DENSITY_CEILING.id(),
            Limit.SESSIONS_PER_COURSE.id(),
            Limit.DOSE_PER_SESSION.id(),
            Limit.DOT_SPACING.id());

    /** One number of the refusal: what it is, and its value in words. */
    public record Line(String what, String value) {}

    static Refusal of(RuleViolation violation, boolean overridable) {
        List<Line> lines = new ArrayList<>();
        violation.numbers().forEach((key, value) -> {
            if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>) {
                list.forEach(entry -> lines.add(breach((Map<?, ?>) entry)));
            } else {
                lines.add(new Line(words(key), value(key, value)));
            }
        });
        return new Refusal(violation.rule(), words(violation.rule()), violation.getMessage(), lines, overridable);
    }

    private static Line breach(Map<?, ?> breach) {
        String zone = breach.get("zone") == null ? "" : Choices.words(String.valueOf(breach.get("zone")));
        String limit = breach.get("limit") == null ? "" : words(String.valueOf(breach.get("limit")));
        String what = zone.isEmpty() ? limit : zone + ", " + limit.toLowerCase(Locale.ROOT);
        return new Line(
                what, "would be " + number(breach.get("wouldBe")) + ", limit " + number(breach.get("limitValue")));
    }

    private static String value(String key, Object value) {
        if (value == null) {
            return "none";
        }
        if (key.equals("zone") || key.equals("zones")) {
            return Choices.words(String.valueOf(value));
        }
        return number(value);
    }

    private static String number(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(((Number) value).doubleValue())
                    .setScale(3, RoundingMode.HALF_UP)
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return String.valueOf(value);
    }

    /** {@code dose-per-session} and {@code wouldBe} read "Dose per session" and "Would be". */
    static String words(String name) {
        String spaced = name.replace('-', ' ')
                .replace('_', ' ')
                .replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
