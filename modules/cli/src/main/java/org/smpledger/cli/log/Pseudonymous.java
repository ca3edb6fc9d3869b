package org.smpledger.cli.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.EventMetadata;
import org.smpledger.serialization.CanonicalInstants;
import org.smpledger.serialization.ServiceJson;

/**
 * Turns stored events into {@link LoggedEvent}s: the analyst's view, without personal data. A
 * payload with nothing personal is passed on as the bytes stored (JSON written by the service's
 * one configuration); one carrying personal fields is read, stripped of them, and written again.
 * A correction keeps no change to a personal field. A payload of a type the contract does not
 * know is not shown at all.
 */
public final class Pseudonymous {

    private final ObjectMapper json = ServiceJson.mapper();
    private final JsonFactory factory = json.getFactory();

    public LoggedEvent of(StoredEvent stored) {
        Map<String, String> metadata = metadata(stored.metadata());
        ContractType type = ContractType.byPayloadType(stored.payloadType()).orElse(null);
        byte[] payload = null;
        Instant occurredAt = null;
        if (type != null) {
            payload = payload(type, stored.payload());
            occurredAt = occurredAt(type.occurredFields(), payload);
        }
        Instant recordedAt = instant(metadata.get(EventMetadata.RECORDED_AT));
        return new LoggedEvent(
                stored.position(),
                stored.eventId(),
                type != null ? type.name() : stored.payloadType(),
                type != null ? type.revision() : stored.payloadRevision(),
                type != null ? type.stream() : null,
                stored.streamId(),
                stored.sequence() < 0 ? null : stored.sequence(),
                stored.timestamp(),
                recordedAt != null ? recordedAt : stored.timestamp(),
                occurredAt,
                metadata.get(EventMetadata.CLINIC_ID),
                metadata.get(EventMetadata.ACTOR_ID),
                metadata.get(EventMetadata.ACTOR_ROLE),
                metadata.get(EventMetadata.CORRELATION_ID),
                metadata.get(EventMetadata.CAUSATION_ID),
                payload);
    }

    private byte[] payload(ContractType type, byte[] stored) {
        boolean correction = type.name().equals("RecordCorrected");
        if (!type.carriesPersonalData() && !correction && singleLine(stored)) {
            return stored;
        }
        try {
            JsonNode tree = json.readTree(stored);
            if (!(tree instanceof ObjectNode object)) {
                return stored;
            }
            if (correction) {
                withoutPersonalChanges(object);
            } else {
                for (String path : type.personalFields()) {
                    remove(object, path.split("\\."), 0);
                }
            }
            return json.writeValueAsBytes(object);
        } catch (IOException e) {
            throw new UncheckedIOException("event payload is not JSON", e);
        }
    }

    /** Removes the field at {@code path} (segments; {@code name[]} stands for every entry of a list). */
    private static void remove(JsonNode node, String[] path, int at) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        String segment = path[at];
        boolean list = segment.endsWith("[]");
        String name = list ? segment.substring(0, segment.length() - 2) : segment;
        if (at == path.length - 1) {
            object.remove(name);
            return;
        }
        JsonNode child = object.get(name);
        if (list && child != null && child.isArray()) {
            child.forEach(entry -> remove(entry, path, at + 1));
        } else if (!list) {
            remove(child, path, at + 1);
        }
    }

    /** Compact JSON, as the service writes it, holds no line break (strings escape theirs). */
    private static boolean singleLine(byte[] json) {
        for (byte b : json) {
            if (b == '\n' || b == '\r') {
                return false;
            }
        }
        return true;
    }

    /** Drops the changes a correction makes to personal fields of the event it corrects. */
    private static void withoutPersonalChanges(ObjectNode correction) {
        JsonNode correctedType = correction.get("correctedEventType");
        JsonNode changes = correction.get("changes");
        if (correctedType == null || !(changes instanceof ObjectNode changed)) {
            return;
        }
        ContractType.byName(correctedType.asText()).ifPresent(corrected -> {
            Iterator<String> paths = changed.fieldNames();
            while (paths.hasNext()) {
                String path = paths.next();
                String field = path.split("[.\\[]", 2)[0];
                if (corrected.personalFields().contains(field) || EventCatalog.personalPath(path)) {
                    paths.remove();
                }
            }
        });
    }

    private Instant occurredAt(List<String> fields, byte[] payload) {
        if (fields.isEmpty()) {
            return null;
        }
        String[] found = new String[fields.size()];
        try (JsonParser parser = factory.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                int index = fields.indexOf(parser.currentName());
                JsonToken value = parser.nextToken();
                if (index >= 0 && value == JsonToken.VALUE_STRING) {
                    found[index] = parser.getText();
                    if (index == 0) {
                        break;
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("event payload is not JSON", e);
        }
        for (String value : found) {
            Instant instant = instant(value);
            if (instant != null) {
                return instant;
            }
        }
        return null;
    }

    /** The metadata's text entries (every value the service writes is text). */
    private Map<String, String> metadata(byte[] stored) {
        Map<String, String> values = new HashMap<>();
        if (stored == null) {
            return values;
        }
        try (JsonParser parser = factory.createParser(stored)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return values;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    values.put(name, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("event metadata is not JSON", e);
        }
        return values;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return CanonicalInstants.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
