package org.smpledger.publisher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.smpledger.events.FieldMarks.Publication;
import org.smpledger.events.SmpEvent;
import org.smpledger.serialization.contract.MarkedValues;

/**
 * The JSON payload of a published event: the event as documented in docs/events.md, without the
 * fields the contract does not publish to the topic's audience. Said per field in the contract
 * ({@code @PersonalData}: never; {@code @FreeText}, {@code @HealthData}: only on the clinical topic),
 * read through {@link MarkedValues}, so a field added to the contract with a mark is withheld without
 * a change here.
 */
public final class PublicPayloads {

    /** Who a topic is for. */
    public enum Audience {
        /** Any downstream service: no free text, no health facts, no personal data. */
        PUBLIC,
        /** Consumers entitled to clinical data: free text and health facts, never personal data. */
        CLINICAL
    }

    private final ObjectMapper json;

    /** Written with the service's JSON configuration ({@code json}, left unchanged). */
    public PublicPayloads(ObjectMapper json) {
        this.json = json;
    }

    /** The event as the audience may see it. */
    public JsonNode view(SmpEvent event, Audience audience) {
        JsonNode payload = json.valueToTree(event);
        MarkedValues.visit(event.getClass(), payload, (holder, field, place, marks) -> {
            if (!publishedTo(marks.publication(), audience)) {
                holder.remove(field);
            }
        });
        return payload;
    }

    static boolean publishedTo(Publication publication, Audience audience) {
        return switch (publication) {
            case PUBLIC -> true;
            case CLINICAL -> audience == Audience.CLINICAL;
            case NEVER -> false;
        };
    }

    public byte[] toJson(SmpEvent event) {
        return toJson(event, Audience.PUBLIC);
    }

    public byte[] toJson(SmpEvent event, Audience audience) {
        try {
            return json.writeValueAsBytes(view(event, audience));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
