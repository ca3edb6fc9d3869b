package org.smpledger.app.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import org.smpledger.app.security.StaffMember;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.PersonalData;
import org.smpledger.projections.Page;
import org.smpledger.projections.audit.AuditTrail;

/**
 * Stored events as a member may see them: for one who may not see personal details (an analyst),
 * every field the contract marks {@link PersonalData}, at any depth of the payload, is withheld
 * (null). The one place where the API decides what personal data leaves the service in raw events.
 */
public final class PersonalDataView {

    private PersonalDataView() {}

    public static Page<AuditTrail.StoredEvent> of(Page<AuditTrail.StoredEvent> events, StaffMember member) {
        if (member.maySeePersonalDetails()) {
            return events;
        }
        List<AuditTrail.StoredEvent> withheld =
                events.items().stream().map(PersonalDataView::withheld).toList();
        return new Page<>(events.page(), events.size(), events.total(), withheld);
    }

    private static AuditTrail.StoredEvent withheld(AuditTrail.StoredEvent event) {
        Optional<? extends Class<?>> type = EventCatalog.byName(event.type());
        if (!(event.payload() instanceof JsonNode payload)) {
            return event;
        }
        JsonNode copy = payload.deepCopy();
        if (type.isPresent()) {
            withhold(type.get(), copy);
        } else if (copy instanceof ObjectNode unknown) {
            // a payload of no known type: nothing of it can be vouched for
            unknown.removeAll();
        }
        return new AuditTrail.StoredEvent(
                event.eventId(),
                event.type(),
                event.revision(),
                event.sequence(),
                event.globalPosition(),
                event.timestamp(),
                event.metadata(),
                copy);
    }

    private static void withhold(Class<?> type, JsonNode node) {
        if (!type.isRecord() || !(node instanceof ObjectNode object)) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode value = object.get(component.getName());
            if (value == null || value.isNull()) {
                continue;
            }
            if (component.isAnnotationPresent(PersonalData.class)) {
                object.set(component.getName(), NullNode.getInstance());
            } else if (value instanceof ArrayNode array) {
                Class<?> element = elementType(component.getGenericType());
                array.forEach(item -> withhold(element, item));
            } else {
                withhold(component.getType(), value);
            }
        }
    }

    private static Class<?> elementType(Type type) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments().length == 1
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return Object.class;
    }
}
