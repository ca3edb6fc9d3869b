package org.smpledger.serialization;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * The service's one JSON configuration, for everything that reads or writes JSON: the stored events
 * (Axon's serializer), the REST API, the Kafka payloads and the audit view. Times are ISO-8601 text
 * ({@code 2026-01-12T09:30:00Z}), durations too; unknown properties are ignored (an event written by
 * a newer version still reads). The app applies it to Spring's mapper; code without Spring takes
 * {@link #mapper()}.
 */
public final class ServiceJson {

    private ServiceJson() {}

    /** A mapper configured as the service's. */
    public static ObjectMapper mapper() {
        return configure(new ObjectMapper());
    }

    /** Configures {@code mapper} as the service's (modules added after Java time win for {@link Instant}). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .registerModule(new SimpleModule("smp-canonical-instants")
                        .addDeserializer(Instant.class, new FastInstantDeserializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Java time's {@link InstantDeserializer}, with a short path for text in the canonical shape:
     * anything else (numbers, offsets, mistakes) goes to Java time's, which accepts or refuses it as
     * before.
     */
    private static final class FastInstantDeserializer extends StdScalarDeserializer<Instant> {

        FastInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant canonical = CanonicalInstants.parseCanonical(parser.getText());
                if (canonical != null) {
                    return canonical;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
