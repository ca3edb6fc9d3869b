package org.smpledger.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.smpledger.events.SmpEvent;

/**
 * How a sealed value sits in a stored payload, in place of the plain one: {@code {"sealed": "<base64>"}},
 * and the associated data that binds it to its place: client id, event type name and the value's path.
 */
final class SealedValues {

    static final String FIELD = "sealed";

    private SealedValues() {}

    static ObjectNode envelope(byte[] sealed) {
        return JsonNodeFactory.instance
                .objectNode()
                .put(FIELD, Base64.getEncoder().encodeToString(sealed));
    }

    /** The sealed bytes, if the value is an envelope; a plain value (stored before encryption) is not. */
    static byte[] sealedIn(JsonNode value) {
        if (value instanceof ObjectNode object
                && object.size() == 1
                && object.get(FIELD) != null
                && object.get(FIELD).isTextual()) {
            try {
                return Base64.getDecoder().decode(object.get(FIELD).asText());
            } catch (IllegalArgumentException e) {
                throw new PersonalDataUnreadable("a sealed value is not base64");
            }
        }
        return null;
    }

    static byte[] place(String clientId, Class<? extends SmpEvent> type, String path) {
        return (clientId + "|" + SmpEvent.typeOf(type).name() + "|" + path).getBytes(StandardCharsets.UTF_8);
    }
}
