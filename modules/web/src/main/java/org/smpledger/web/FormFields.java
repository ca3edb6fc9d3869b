package org.smpledger.web;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a submitted form into the body the command API reads: each field's name is its path in
 * that body ({@code hairLoss.scale}, {@code zoneWork[1].pigments[0].lotId}). Empty fields are left
 * out, a list entry whose fields are all empty is dropped (so a form can offer spare rows), and a
 * time from a {@code datetime-local} field (no zone) is read in the clinic's time zone.
 */
public final class FormFields {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9]*)(?:\\[(\\d{1,2})])?");
    private static final Pattern PATH =
            Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\[\\d{1,2}])?(\\.[A-Za-z][A-Za-z0-9]*(\\[\\d{1,2}])?)*");
    private static final Pattern LOCAL_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?");
    /** Fields of the form itself, not of the body (the CSRF token, the step). */
    private static final String FORM_ONLY = "_";

    private FormFields() {}

    /**
     * @param lists names of lists the body always has, empty when the form filled none
     */
    public static Map<String, Object> body(Map<String, String[]> form, ZoneId clinicZone, List<String> lists) {
        Map<String, Object> body = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith(FORM_ONLY) || values == null) {
                return;
            }
            List<String> given = new ArrayList<>();
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    given.add(value.trim());
                }
            }
            if (given.isEmpty()) {
                return;
            }
            Object value = given.size() == 1 && !name.endsWith("[]") ? given.get(0) : given;
            put(body, name.endsWith("[]") ? name.substring(0, name.length() - 2) : name, value, clinicZone);
        });
        for (String list : lists) {
            body.putIfAbsent(list, new ArrayList<>());
        }
        return compact(body);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> body, String path, Object value, ZoneId clinicZone) {
        if (!PATH.matcher(path).matches()) {
            return;
        }
        String[] segments = path.split("\\.");
        Object container = body;
        for (int i = 0; i < segments.length; i++) {
            Matcher segment = SEGMENT.matcher(segments[i]);
            if (!segment.matches()) {
                return;
            }
            boolean last = i == segments.length - 1;
            String key = segment.group(1);
            Map<String, Object> map = (Map<String, Object>) container;
            if (segment.group(2) == null) {
                if (last) {
                    map.put(key, value instanceof String text ? time(text, clinicZone) : value);
                    return;
                }
                container = map.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
                if (!(container instanceof Map)) {
                    return;
                }
            } else {
                int index = Integer.parseInt(segment.group(2));
                Object existing = map.computeIfAbsent(key, k -> new ArrayList<Object>());
                if (!(existing instanceof List)) {
                    return;
                }
                List<Object> list = (List<Object>) existing;
                while (list.size() <= index) {
                    list.add(null);
                }
                if (last) {
                    list.set(index, value instanceof String text ? time(text, clinicZone) : value);
                    return;
                }
                if (!(list.get(index) instanceof Map)) {
                    list.set(index, new LinkedHashMap<String, Object>());
                }
                container = list.get(index);
            }
        }
    }

    private static Object time(String text, ZoneId clinicZone) {
        if (LOCAL_TIME.matcher(text).matches()) {
            return LocalDateTime.parse(text).atZone(clinicZone).toInstant().toString();
        }
        return text;
    }

    /** Drops list entries left empty (spare rows) so that indexes close up. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> compact(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                out.put(key, compact((Map<String, Object>) nested));
            } else if (value instanceof List<?> list) {
                List<Object> kept = new ArrayList<>();
                for (Object entry : list) {
                    if (entry instanceof Map<?, ?> nested) {
                        kept.add(compact((Map<String, Object>) nested));
                    } else if (entry != null) {
                        kept.add(entry);
                    }
                }
                out.put(key, kept);
            } else {
                out.put(key, value);
            }
        });
        return out;
    }
}
