package org.smpledger.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.serialization.JsonEventSerializer;
import org.smpledger.serialization.ServiceJson;

class SealedPersonalDataTest {

    private static final MongoClient MONGO = MongoClients.create(TestMongo.connectionString());
    private final MongoDatabase database = MONGO.getDatabase(TestMongo.freshDatabaseName("sealed"));
    private final ObjectMapper mapper = ServiceJson.mapper();
    private final LocalKeyEncryptionKey kek =
            LocalKeyEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
    private final ClientKeys keys = new ClientKeys(database, kek);
    private final SealingSerializer serializer =
            new SealingSerializer(JsonEventSerializer.on(mapper, new AnnotationRevisionResolver()), keys);
    private final PersonalDataReader reader = new PersonalDataReader(keys, mapper);

    private static final PersonalDetails WILHELMINA = new PersonalDetails(
            "Wilhelmina Quarrington", LocalDate.parse("1937-11-19"), "wq@quarrington.example", "+43 660 9173 5521");

    @AfterAll
    static void close() {
        MONGO.close();
    }

    @Test
    void personalValuesAreStoredSealedAndOpenOnlyThroughTheReader() {
        ClientRegistered registered =
                new ClientRegistered("client-7", "clinic-1", WILHELMINA, Instant.parse("2026-03-02T09:00:00Z"));
        SerializedObject<byte[]> stored = serializer.serialize(registered, byte[].class);
        String text = new String(stored.getData(), StandardCharsets.UTF_8);
        assertThat(text)
                .contains("client-7", "clinic-1", "\"sealed\"")
                .doesNotContain("Wilhelmina", "1937", "quarrington", "9173");

        ClientRegistered read = serializer.deserialize(stored);
        assertThat(read.personalDetails()).isNull();
        assertThat(read.clinicId()).isEqualTo("clinic-1");

        assertThat(reader.openEvent("client-7", ClientRegistered.class, stored.getData()))
                .isEqualTo(registered);
        Document key =
                database.getCollection(ClientKeys.DEFAULT_COLLECTION).find().first();
        assertThat(key.getString("_id")).isEqualTo("client-7");
        assertThat(key.getString("clinicId")).isEqualTo("clinic-1");
        assertThat(key.getString("kek")).startsWith("local:");
    }

    @Test
    void eachValueHasItsOwnNonceAndTheSameTextSealsDifferently() {
        SessionCompleted.ZoneWork work =
                new SessionCompleted.ZoneWork(ScalpZone.CROWN, 0.2, null, 1, 0.25, null, List.of(), "same");
        SessionCompleted session = new SessionCompleted(
                "client-8",
                "s-1",
                1,
                1,
                Instant.EPOCH,
                Instant.EPOCH.plusSeconds(60),
                "p",
                List.of(work, work),
                null,
                "same",
                null);
        JsonNode stored = tree(serializer.serialize(session, byte[].class).getData());
        String first = stored.at("/zoneWork/0/notes/sealed").asText();
        String second = stored.at("/zoneWork/1/notes/sealed").asText();
        assertThat(first)
                .isNotEmpty()
                .isNotEqualTo(second)
                .isNotEqualTo(stored.at("/notes/sealed").asText());
        assertThat(reader.openEvent("client-8", SessionCompleted.class, bytes(stored)))
                .isEqualTo(session);
    }

    @Test
    void aSealedValueMovedToAnotherPlaceOrAlteredDoesNotOpen() {
        SessionCompleted.ZoneWork work =
                new SessionCompleted.ZoneWork(ScalpZone.CROWN, 0.2, null, 1, 0.25, null, List.of(), "note A");
        SessionCompleted session = new SessionCompleted(
                "client-9",
                "s-1",
                1,
                1,
                Instant.EPOCH,
                Instant.EPOCH.plusSeconds(60),
                "p",
                List.of(work),
                null,
                "note B",
                null);
        ObjectNode stored =
                (ObjectNode) tree(serializer.serialize(session, byte[].class).getData());

        ObjectNode swapped = stored.deepCopy();
        swapped.set("notes", stored.at("/zoneWork/0/notes"));
        assertThatThrownBy(() -> reader.open("client-9", SessionCompleted.class, bytes(swapped)))
                .isInstanceOf(PersonalDataUnreadable.class);

        ObjectNode altered = stored.deepCopy();
        String sealed = stored.at("/notes/sealed").asText();
        char flipped = sealed.charAt(20) == 'A' ? 'B' : 'A';
        altered.set(
                "notes",
                mapper.createObjectNode().put("sealed", sealed.substring(0, 20) + flipped + sealed.substring(21)));
        assertThatThrownBy(() -> reader.open("client-9", SessionCompleted.class, bytes(altered)))
                .isInstanceOf(PersonalDataUnreadable.class)
                .hasMessageNotContaining("note B");

        SerializedObject<byte[]> otherClient = serializer.serialize(
                new SessionCompleted(
                        "client-10",
                        "s-1",
                        1,
                        1,
                        Instant.EPOCH,
                        Instant.EPOCH.plusSeconds(60),
                        "p",
                        List.of(),
                        null,
                        "x",
                        null),
                byte[].class);
        assertThatThrownBy(() -> reader.open("client-9", SessionCompleted.class, otherClient.getData()))
                .isInstanceOf(PersonalDataUnreadable.class);
    }

    @Test
    void afterTheKeyIsShreddedNothingOpensAndNoNewKeyIsMade() {
        ClientRegistered registered =
                new ClientRegistered("client-11", "clinic-1", WILHELMINA, Instant.parse("2026-03-02T09:00:00Z"));
        byte[] stored = serializer.serialize(registered, byte[].class).getData();
        RecordCorrected notes = new RecordCorrected(
                "client-11",
                "k",
                "e",
                "SessionCompleted",
                "typo",
                Map.of("notes", "Wilhelmina prefers mornings", "zoneWork[0].zone", "CROWN"),
                false);
        byte[] correction = serializer.serialize(notes, byte[].class).getData();
        assertThat(new String(correction, StandardCharsets.UTF_8))
                .doesNotContain("Wilhelmina")
                .contains("CROWN");

        keys.shred("client-11", Instant.parse("2030-01-01T00:00:00Z"));

        PersonalDataReader.Opened opened = reader.open("client-11", ClientRegistered.class, stored);
        assertThat(opened.erased()).isTrue();
        assertThat(opened.payload().has("personalDetails")).isFalse();
        assertThat(reader.open("client-11", RecordCorrected.class, correction)
                        .payload()
                        .path("changes")
                        .toString())
                .isEqualTo("{\"zoneWork[0].zone\":\"CROWN\"}");
        assertThat(keys.stateOf("client-11")).isInstanceOf(ClientKeys.Erased.class);
        Document tombstone = database.getCollection(ClientKeys.DEFAULT_COLLECTION)
                .find(new Document("_id", "client-11"))
                .first();
        assertThat(tombstone.keySet()).containsExactlyInAnyOrder("_id", "clinicId", "erasedAt");
        assertThatThrownBy(() -> serializer.serialize(registered, byte[].class))
                .isInstanceOf(ClientKeys.ClientErased.class);
        assertThat(keys.erasedAmong(List.of("client-11", "client-7"))).containsOnlyKeys("client-11");
    }

    @Test
    void eventsStoredInPlainTextBeforeEncryptionStillLoadAndAreWithheldLikeSealedOnes() {
        byte[] plain = bytes(mapper.valueToTree(
                new ClientRegistered("client-12", "clinic-1", WILHELMINA, Instant.parse("2020-01-01T00:00:00Z"))));
        SerializedObject<byte[]> legacy =
                new SimpleSerializedObject<>(plain, byte[].class, serializer.typeForClass(ClientRegistered.class));
        ClientRegistered read = serializer.deserialize(legacy);
        assertThat(read.personalDetails()).isNull();
        assertThat(reader.openEvent("client-12", ClientRegistered.class, plain).personalDetails())
                .isEqualTo(WILHELMINA);
        keys.shred("client-12", Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(reader.open("client-12", ClientRegistered.class, plain)
                        .payload()
                        .has("personalDetails"))
                .isFalse();
    }

    @Test
    void theKeyEncryptionKeyComesFromAKeystoreFileAndWrapsKeysForOneClientOnly() throws Exception {
        Path file = Files.createTempDirectory("kek").resolve("kek.p12");
        LocalKeyEncryptionKey made = LocalKeyEncryptionKey.createKeystore(file, "pw".toCharArray(), "smp-kek");
        LocalKeyEncryptionKey read = LocalKeyEncryptionKey.fromKeystore(file, "pw".toCharArray(), "smp-kek");
        assertThat(read.id()).isEqualTo(made.id());
        byte[] wrapped = made.wrap(new byte[32], "client-1");
        assertThat(read.unwrap(wrapped, "client-1")).isEqualTo(new byte[32]);
        assertThatThrownBy(() -> read.unwrap(wrapped, "client-2")).isInstanceOf(PersonalDataUnreadable.class);
        LocalKeyEncryptionKey other = new LocalKeyEncryptionKey(new SecretKeySpec(new byte[32], "AES"));
        assertThat(other.id()).isNotEqualTo(made.id());
        assertThatThrownBy(() -> LocalKeyEncryptionKey.fromBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
    }

    private JsonNode tree(byte[] bytes) {
        try {
            return mapper.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
