package org.smpledger.cli.log;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.EventDescription;
import org.smpledger.events.Identifying;
import org.smpledger.events.PersonalData;
import org.smpledger.events.RecordId;
import org.smpledger.events.SmpEvent;
import org.smpledger.events.treatment.PersonalDetails;

/**
 * An event type of the contract as the analyst's tool sees it: published name, revision, stream,
 * the fields it never shows (personal data) and the field saying when the event happened.
 * <p>
 * Personal: a field the contract marks {@link PersonalData}, or one holding {@link PersonalDetails}
 * (or a list of them), and every nested place the contract marks ({@code zoneWork[].notes}, by
 * {@link EventDescription#personalFields()}). In an event that carries a person's details, its free
 * text (a text field that neither identifies the record nor is its record id) is dropped as well: a
 * reason next to a changed name tends to repeat it.
 */
public record ContractType(
        String name,
        String revision,
        String stream,
        Class<? extends SmpEvent> eventClass,
        Set<String> personalFields,
        List<String> occurredFields) {

    private static final Map<String, ContractType> BY_CLASS = EventCatalog.all().stream()
            .map(ContractType::of)
            .collect(Collectors.toUnmodifiableMap(t -> t.eventClass().getName(), Function.identity()));
    private static final Map<String, ContractType> BY_NAME =
            BY_CLASS.values().stream().collect(Collectors.toUnmodifiableMap(ContractType::name, Function.identity()));

    public static Collection<ContractType> all() {
        return BY_NAME.values();
    }

    /** By the stored payload type (the event's class name). */
    public static Optional<ContractType> byPayloadType(String payloadType) {
        return Optional.ofNullable(payloadType).map(BY_CLASS::get);
    }

    /** By published name, e.g. {@code SessionCompleted}. */
    public static Optional<ContractType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** When the event says its fact happened (the first of {@link #occurredFields} it holds), or null. */
    public java.time.Instant occurredAt(SmpEvent event) {
        for (String field : occurredFields) {
            for (RecordComponent component : eventClass.getRecordComponents()) {
                if (component.getName().equals(field)) {
                    try {
                        Object value = component.getAccessor().invoke(event);
                        if (value instanceof java.time.Instant instant) {
                            return instant;
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + field + " of " + name, e);
                    }
                }
            }
        }
        return null;
    }

    /** The type of a payload, when the contract knows it. */
    public static Optional<ContractType> of(SmpEvent event) {
        return byPayloadType(event.getClass().getName());
    }

    public boolean carriesPersonalData() {
        return !personalFields.isEmpty();
    }

    private static ContractType of(Class<? extends SmpEvent> type) {
        EventDescription description = EventCatalog.describe(type);
        RecordComponent[] components = type.getRecordComponents();
        Set<String> personal = Arrays.stream(components)
                .filter(ContractType::personal)
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (Arrays.stream(components).anyMatch(c -> holdsPersonalDetails(c.getGenericType()))) {
            Arrays.stream(components)
                    .filter(c -> c.getType() == String.class
                            && !c.isAnnotationPresent(Identifying.class)
                            && !c.isAnnotationPresent(RecordId.class))
                    .forEach(c -> personal.add(c.getName()));
        }
        // nested places the contract marks, e.g. zoneWork[].notes
        personal.addAll(description.personalFields());
        return new ContractType(
                description.name(),
                description.revision(),
                description.stream().name(),
                type,
                Set.copyOf(personal),
                Occurrence.fieldsOf(description.name()));
    }

    private static boolean personal(RecordComponent component) {
        return component.isAnnotationPresent(PersonalData.class) || holdsPersonalDetails(component.getGenericType());
    }

    private static boolean holdsPersonalDetails(Type type) {
        if (type instanceof Class<?> c) {
            return PersonalDetails.class.isAssignableFrom(c);
        }
        if (type instanceof ParameterizedType p) {
            return Arrays.stream(p.getActualTypeArguments()).anyMatch(ContractType::holdsPersonalDetails);
        }
        return false;
    }
}
