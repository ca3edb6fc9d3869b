package org.smpledger.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.ConsentSigned;

class JsonEventSerializerTest {

    private final JsonEventSerializer serializer =
            JsonEventSerializer.on(ServiceJson.mapper(), new AnnotationRevisionResolver());

    @Test
    void anEventReadsBackEqualAndItsClassIsFoundOnceByName() {
        ConsentSigned consent = new ConsentSigned(
                "client-1", "c-1", Instant.parse("2026-03-02T10:00:00.000123Z"), "v3", "doc-1", "staff-2");
        SerializedObject<byte[]> stored = serializer.serialize(consent, byte[].class);
        assertThat(new String(stored.getData(), StandardCharsets.UTF_8))
                .contains("\"signedAt\":\"2026-03-02T10:00:00.000123Z\"");

        Object read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(consent);
        assertThat(serializer.classForType(stored.getType())).isSameAs(ConsentSigned.class);
        assertThat(serializer.classForType(stored.getType())).isSameAs(ConsentSigned.class);
    }

    @Test
    void aTypeNoLongerKnownStaysUnknown() {
        SimpleSerializedType gone = new SimpleSerializedType("org.smpledger.events.treatment.Retired", null);
        assertThat(serializer.classForType(gone)).isEqualTo(UnknownSerializedType.class);
        assertThat(serializer.classForType(gone)).isEqualTo(UnknownSerializedType.class);
    }
}
