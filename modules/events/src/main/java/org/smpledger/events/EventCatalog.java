package org.smpledger.events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.smpledger.events.lot.PigmentLotEvent;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/** Every published event type, found from the sealed stream interfaces so none can be forgotten. */
public final class EventCatalog {

    private static final List<Class<? extends SmpEvent>> ALL = Stream.of(
                    TreatmentRecordEvent.class, PigmentLotEvent.class)
            .flatMap(EventCatalog::permittedLeaves)
            .toList();
    private static final Map<String, Class<? extends SmpEvent>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(c -> SmpEvent.typeOf(c).name(), Function.identity()));

    private EventCatalog() {}

    public static List<Class<? extends SmpEvent>> all() {
        return ALL;
    }

    public static Optional<Class<? extends SmpEvent>> byName(String typeName) {
        return Optional.ofNullable(BY_NAME.get(typeName));
    }

    @SuppressWarnings("unchecked")
    private static Stream<Class<? extends SmpEvent>> permittedLeaves(Class<?> type) {
        if (!type.isSealed()) {
            return Stream.of((Class<? extends SmpEvent>) type);
        }
        return Arrays.stream(type.getPermittedSubclasses()).flatMap(EventCatalog::permittedLeaves);
    }
}
