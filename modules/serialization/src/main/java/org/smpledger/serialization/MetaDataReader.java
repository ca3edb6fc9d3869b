package org.smpledger.serialization;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.MetaData;

/**
 * Reads an event's metadata object as Axon's {@code MetaDataDeserializer} does (each value as
 * Jackson reads untyped JSON: text, numbers, booleans, lists, maps, null), entry by entry, instead
 * of asking Jackson for a map deserializer, which it builds anew for every event.
 */
final class MetaDataReader extends StdDeserializer<MetaData> {

    MetaDataReader() {
        super(MetaData.class);
    }

    @Override
    public MetaData deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            token = parser.nextToken();
        }
        Map<String, Object> entries = new HashMap<>();
        for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String key = parser.currentName();
            parser.nextToken();
            entries.put(key, context.readValue(parser, Object.class));
        }
        if (token != JsonToken.END_OBJECT) {
            return context.reportInputMismatch(this, "metadata must be a JSON object, found %s", token);
        }
        return MetaData.from(entries);
    }

    @Override
    public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer types)
            throws IOException {
        return types.deserializeTypedFromObject(parser, context);
    }
}
