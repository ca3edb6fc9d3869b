package org.smpledger.projections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.serialization.ServiceJson;
import org.smpledger.serialization.contract.MarkedValues;

/**
 * An event as a read model may keep it: every value the contract marks personal (notes, descriptions, a
 * correction's new value of a personal field) left out. The event store's reads already leave them out;
 * this keeps the read models free of personal data whatever hands them an event.
 */
final class PersonalValuesLeftOut {

    private static final ObjectMapper JSON = ServiceJson.mapper();

    private PersonalValuesLeftOut() {}

    @SuppressWarnings("unchecked")
    static <E extends TreatmentRecordEvent> E of(E event) {
        if (!EventCatalog.describe(event).mayHoldPersonalData()) {
            return event;
        }
        JsonNode tree = JSON.valueToTree(event);
        boolean[] removed = new boolean[1];
        MarkedValues.visit(event.getClass(), tree, (holder, field, place, marks) -> {
            if (marks.personal()
                    && holder.get(field) != null
                    && !holder.get(field).isNull()) {
                holder.remove(field);
                removed[0] = true;
            }
        });
        if (!removed[0]) {
            return event;
        }
        try {
            return (E) JSON.treeToValue(tree, event.getClass());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot read back a " + event.getClass().getSimpleName(), e);
        }
    }
}
