package org.smpledger.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;

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
        // documentRef is personal data: never handed to a reader of the store
        assertThat(read)
                .isEqualTo(new ConsentSigned(
                        "client-1", "c-1", Instant.parse("2026-03-02T10:00:00.000123Z"), "v3", null, "staff-2"));
        assertThat(serializer.classForType(stored.getType())).isSameAs(ConsentSigned.class);
        assertThat(serializer.classForType(stored.getType())).isSameAs(ConsentSigned.class);
    }

    @Test
    void personalValuesAreLeftOutAtAnyDepthWhetherReadFromBytesOrFromAnUpcastTree() throws Exception {
        SessionCompleted.ZoneWork crown = new SessionCompleted.ZoneWork(
                ScalpZone.CROWN,
                0.2,
                null,
                3,
                0.25,
                null,
                List.of(new SessionCompleted.PigmentUse("lot-1", 20)),
                "Mr Z nervous");
        SessionCompleted session = new SessionCompleted(
                "client-1",
                "s-1",
                1,
                1,
                Instant.EPOCH,
                Instant.EPOCH.plusSeconds(3600),
                "p-1",
                List.of(crown, crown),
                null,
                "lives at 3 Elm Street",
                null);
        SerializedObject<byte[]> stored = serializer.serialize(session, byte[].class);
        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).contains("Elm Street", "Mr Z");

        SessionCompleted read = serializer.deserialize(stored);
        assertThat(read.notes()).isNull();
        assertThat(read.zoneWork()).hasSize(2).allSatisfy(work -> {
            assertThat(work.notes()).isNull();
            assertThat(work.densityAddedFraction()).isEqualTo(0.2);
            assertThat(work.pigments()).containsExactly(new SessionCompleted.PigmentUse("lot-1", 20));
        });

        SerializedObject<JsonNode> upcast = new SimpleSerializedObject<>(
                ServiceJson.mapper().readTree(stored.getData()), JsonNode.class, stored.getType());
        SessionCompleted readFromTree = serializer.deserialize(upcast);
        assertThat(readFromTree).isEqualTo(read);

        RecordCorrected correction = new RecordCorrected(
                "client-1",
                "k-1",
                "e-1",
                "SessionCompleted",
                "typo",
                Map.of("notes", "lives at 3 Elm Street", "zoneWork[0].densityAddedFraction", "0.3"),
                false);
        RecordCorrected correctionRead = serializer.deserialize(serializer.serialize(correction, byte[].class));
        assertThat(correctionRead.changes()).containsExactly(Map.entry("zoneWork[0].densityAddedFraction", "0.3"));
        assertThat(correctionRead.reason())
                .as("a correction's reason is personal data")
                .isNull();
        assertThat(correctionRead.correctedEventId()).isEqualTo("e-1");
    }

    @Test
    void aTypeNoLongerKnownStaysUnknown() {
        SimpleSerializedType gone = new SimpleSerializedType("org.smpledger.events.treatment.Retired", null);
        assertThat(serializer.classForType(gone)).isEqualTo(UnknownSerializedType.class);
        assertThat(serializer.classForType(gone)).isEqualTo(UnknownSerializedType.class);
    }

    @Test
    void metadataReadsBackAsAxonsOwnSerializerReadsIt() {
        MetaData metadata = MetaData.with("clinicId", "clinic-7")
                .and("recordedAt", "2026-03-02T10:00:00.000123Z")
                .and("attempt", 3)
                .and("big", 12345678901L)
                .and("ratio", 0.25)
                .and("flag", true)
                .and("none", null)
                .and("tags", List.of("a", "b"))
                .and("nested", Map.of("k", "v", "n", 1));
        JacksonSerializer axons = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().findAndRegisterModules())
                .build();
        SerializedObject<byte[]> stored = serializer.serialize(metadata, byte[].class);

        MetaData read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(axons.<byte[], MetaData>deserialize(stored)).isEqualTo(metadata);
        assertThat(serializer.<byte[], MetaData>deserialize(
                        serializer.serialize(MetaData.emptyInstance(), byte[].class)))
                .isEmpty();
    }

    @Test
    void theMapperReadsMetadataWithTheLeanReaderNotAxons() throws Exception {
        ObjectMapper mapper = ServiceJson.mapper();
        JsonEventSerializer.on(mapper, new AnnotationRevisionResolver());
        DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null);
        assertThat(context.findRootValueDeserializer(mapper.constructType(MetaData.class)))
                .isInstanceOf(MetaDataReader.class);
    }
}
