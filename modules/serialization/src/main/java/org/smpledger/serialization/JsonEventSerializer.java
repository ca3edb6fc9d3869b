package org.smpledger.serialization;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.smpledger.events.SmpEvent;
import org.smpledger.serialization.contract.WithheldPersonalData;

/**
 * Axon's Jackson serializer on the service's mapper, doing per type what Axon's does per event:
 * each stored type name is resolved to its class once, and each class's reader built once.
 * Personal data of events is left out on every read ({@link #deserialize}).
 * Metadata is read by {@link MetaDataReader}, which gives the same metadata as Axon's reader without
 * building a new map deserializer for every event.
 */
public final class JsonEventSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    private JsonEventSerializer(Builder builder) {
        super(builder);
    }

    /**
     * On {@code mapper} (the service's), with Axon's revision resolver and converters. Registers
     * the metadata reader with the mapper, after the one Axon's serializer registers, so it wins.
     */
    public static JsonEventSerializer on(ObjectMapper mapper, RevisionResolver revisions) {
        JsonEventSerializer serializer = new JsonEventSerializer(JacksonSerializer.builder()
                .objectMapper(mapper)
                .revisionResolver(revisions)
                .converter(new ChainingConverter(JsonEventSerializer.class.getClassLoader())));
        mapper.registerModule(new SimpleModule("smp-metadata").addDeserializer(MetaData.class, new MetaDataReader()));
        return serializer;
    }

    /**
     * Reads a stored object; an event's personal data is left out while it is parsed
     * ({@link WithheldPersonalData}): what the event store hands to any reader never holds it.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        Class<?> type = SerializedType.emptyType().equals(serialized.getType())
                ? Void.class
                : classForType(serialized.getType());
        if (!WithheldPersonalData.applies(type)) {
            return super.deserialize(serialized);
        }
        try {
            if (serialized.getData() instanceof JsonNode tree) {
                JsonNode copy = tree.deepCopy();
                WithheldPersonalData.removeFrom(copy, (Class<? extends SmpEvent>) type);
                return (T) getReader(type).readValue(copy);
            }
            byte[] bytes = getConverter().convert(serialized, byte[].class).getData();
            try (JsonParser parser = WithheldPersonalData.from(getObjectMapper().createParser(bytes), type)) {
                return (T) getReader(type).readValue(parser);
            }
        } catch (IOException e) {
            throw new SerializationException("cannot read a stored " + type.getSimpleName(), e);
        }
    }

    @Override
    protected ObjectReader getReader(Class<?> type) {
        return readers.computeIfAbsent(type, super::getReader);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> resolved = super.classForType(type);
        if (resolved != UnknownSerializedType.class && resolved != Void.class) {
            classes.put(type.getName(), resolved);
        }
        return resolved;
    }
}
