package org.smpledger.events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.smpledger.events.clinic.ClinicPolicyEvent;
import org.smpledger.events.lot.PigmentLotEvent;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/**
 * Every published event type, found from the sealed stream interfaces so none can be forgotten,
 * each with its {@link EventDescription}. Reading the declarations fails at first use when an
 * event type lacks one of the facts every type must state.
 */
public final class EventCatalog {

    private static final List<Class<? extends SmpEvent>> ALL = Stream.of(
                    TreatmentRecordEvent.class, PigmentLotEvent.class, ClinicPolicyEvent.class)
            .flatMap(EventCatalog::permittedLeaves)
            .toList();
    private static final Map<Class<? extends SmpEvent>, EventDescription> DESCRIPTIONS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), EventDescription::of));
    private static final Map<String, Class<? extends SmpEvent>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(c -> DESCRIPTIONS.get(c).name(), Function.identity()));

    private static final Set<String> PERSONAL_PATHS = DESCRIPTIONS.values().stream()
            .flatMap(d -> d.personalFields().stream())
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private EventCatalog() {}

    /**
     * Whether a field path, as a correction's {@code changes} names it ({@code zoneWork[1].notes}),
     * leads to personal data in any event type: its new value is then personal data too. Said of the
     * path alone, so a reader needs nothing but the path to know.
     */
    public static boolean personalPath(String path) {
        String normalized = INDEX.matcher(path).replaceAll("[]");
        for (int dot = normalized.indexOf('.'); dot >= 0; dot = normalized.indexOf('.', dot + 1)) {
            if (PERSONAL_PATHS.contains(normalized.substring(0, dot))) {
                return true;
            }
        }
        return PERSONAL_PATHS.contains(normalized);
    }

    public static List<Class<? extends SmpEvent>> all() {
        return ALL;
    }

    public static Optional<Class<? extends SmpEvent>> byName(String typeName) {
        return Optional.ofNullable(BY_NAME.get(typeName));
    }

    /** The description of a published event type. */
    public static EventDescription describe(Class<? extends SmpEvent> type) {
        EventDescription description = DESCRIPTIONS.get(type);
        if (description == null) {
            throw new IllegalArgumentException(type.getName() + " is not a published event type");
        }
        return description;
    }

    public static EventDescription describe(SmpEvent event) {
        return describe(event.getClass());
    }

    @SuppressWarnings("unchecked")
    private static Stream<Class<? extends SmpEvent>> permittedLeaves(Class<?> type) {
        if (!type.isSealed()) {
            return Stream.of((Class<? extends SmpEvent>) type);
        }
        return Arrays.stream(type.getPermittedSubclasses()).flatMap(EventCatalog::permittedLeaves);
    }
}
