package org.smpledger.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer on the service's mapper, doing per type what Axon's does per event:
 * each stored type name is resolved to its class once, and each class's reader built once.
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
