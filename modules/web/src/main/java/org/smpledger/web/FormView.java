package org.smpledger.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A form as the page shows it: what was entered (kept after a refusal, so nothing is typed twice)
 * and the problem with each field, shown next to that field. Field names are paths in the command's
 * body; element ids are made from them.
 */
public final class FormView {

    private final Map<String, List<String>> values;
    private final Map<String, String> errors;

    public FormView(Map<String, String[]> submitted, Map<String, String> errors) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        submitted.forEach((name, given) -> kept.put(name, given == null ? List.of() : List.of(given)));
        this.values = kept;
        this.errors = new LinkedHashMap<>(errors);
    }

    public static FormView empty() {
        return new FormView(Map.of(), Map.of());
    }

    public static FormView of(Map<String, String> values) {
        Map<String, String[]> submitted = new LinkedHashMap<>();
        values.forEach((name, value) -> submitted.put(name, new String[] {value}));
        return new FormView(submitted, Map.of());
    }

    /** An element id for the field: {@code zoneWork[0].zone} gives {@code f-zoneWork-0-zone}. */
    public String id(String name) {
        return "f-" + name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "");
    }

    public String errorId(String name) {
        return id(name) + "-error";
    }

    /** The ids of the field's problem and hint, for {@code aria-describedby}; null when it has neither. */
    public String describedBy(String name, boolean hint) {
        String ids = ((hasError(name) ? errorId(name) + " " : "") + (hint ? id(name) + "-hint" : "")).trim();
        return ids.isEmpty() ? null : ids;
    }

    public String value(String name) {
        List<String> given = values.get(name);
        return given == null || given.isEmpty() ? "" : given.get(0);
    }

    public boolean selected(String name, String value) {
        List<String> given = values.get(name);
        return given != null && given.contains(value);
    }

    public boolean hasError(String name) {
        return errors.containsKey(name);
    }

    public String error(String name) {
        return errors.get(name);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public Map<String, String> errors() {
        return errors;
    }
}
