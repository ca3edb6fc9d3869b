package org.smpledger.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer on the service's mapper, resolving each stored type name to its class
 * once (Axon's asks the class loader again for every event it reads).
 */
public final class JsonEventSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    private JsonEventSerializer(Builder builder) {
        super(builder);
    }

    /** On {@code mapper} (the service's), with Axon's revision resolver and converters. */
    public static JsonEventSerializer on(ObjectMapper mapper, RevisionResolver revisions) {
        return new JsonEventSerializer(JacksonSerializer.builder()
                .objectMapper(mapper)
                .revisionResolver(revisions)
                .converter(new ChainingConverter(JsonEventSerializer.class.getClassLoader())));
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
