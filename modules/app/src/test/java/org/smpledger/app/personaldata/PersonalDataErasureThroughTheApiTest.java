package org.smpledger.app.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smpledger.app.testing.Staff;
import org.smpledger.cli.SmpCommand;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.smpledger.projections.replay.ProjectionProcessors;
import org.smpledger.serialization.JsonEventSerializer;
import org.smpledger.serialization.ServiceJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcPrint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A full course of a client with distinctive personal data, through the REST API, then an erasure:
 * afterwards no MongoDB collection, no record of any topic (public and clinical), no line of the
 * captured log and no export of the analyst tool (NDJSON, CSV, Parquet) holds the client's name, birth
 * date, email, phone, personal notes, a details correction's reason, a record correction's reason or a rule
 * override's reason, while the clinical history still
 * reads. A client registered by a version without encryption is erased just as well. Also: a refused
 * erasure stores nothing, and an altered ciphertext is detected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataErasureThroughTheApiTest {

    private static final String CLINIC = "clinic-erasure";
    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    private static final String RUN = Long.toString(System.nanoTime());
    private static final String PUBLIC_TOPIC = "pd-treatment-" + RUN;
    private static final String LOT_TOPIC = "pd-lots-" + RUN;
    private static final String CLINICAL_TOPIC = "pd-clinical-" + RUN;

    private static final String NAME = "Wilhelmina Quarrington-Vasquez";
    private static final String BIRTH_DATE = "1937-11-19";
    private static final String EMAIL = "wq.7731@quarrington-mail.example";
    private static final String SECOND_EMAIL = "w.q.second@quarrington-mail.example";
    private static final String PHONE = "+43 660 9173 5521";
    private static final String NOTE = "Zephyrine-note-4471";
    private static final String DETAILS_REASON = "Quillon-Marsh-moved-8812";
    private static final String CORRECTION_REASON = "Ottoline-Brackenbury-scar-6620";
    private static final String OVERRIDE_REASON = "Thaddeus-Frobisher-graft-3391";
    private static final List<String> SEEDED = List.of(
            DETAILS_REASON,
            CORRECTION_REASON,
            OVERRIDE_REASON,
            NAME,
            "Quarrington",
            BIRTH_DATE,
            "19.11.1937",
            EMAIL,
            SECOND_EMAIL,
            "quarrington-mail",
            PHONE,
            "9173 5521",
            NOTE);

    private static final String DATABASE = TestMongo.freshDatabaseName("erasure");
    private static final String LEGACY_CLIENT = "client-registered-before-encryption";
    private static final String LEGACY_NAME = "Perpetua Okonkwo-Lindqvist";
    private static final String LEGACY_BIRTH_DATE = "1933-04-29";
    private static final String LEGACY_EMAIL = "perpetua@okonkwo-lindqvist.example";
    private static final String LEGACY_PHONE = "+43 676 2020 4477";
    private static final List<String> LEGACY_SEEDED = List.of(
            LEGACY_NAME, "Okonkwo", LEGACY_BIRTH_DATE, LEGACY_EMAIL, "okonkwo-lindqvist", LEGACY_PHONE, "2020 4477");

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        storedBeforeEncryption();
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> DATABASE);
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.data-dir", Files.createTempDirectory("smp-erasure")::toString);
        registry.add("smp.personal-data.kek.base64", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        registry.add("smp.publisher.topics.treatment-records", () -> PUBLIC_TOPIC);
        registry.add("smp.publisher.topics.pigment-lots", () -> LOT_TOPIC);
        registry.add("smp.publisher.topics.clinical-records", () -> CLINICAL_TOPIC);
        registry.add("smp.publisher.topics.clinical-enabled", () -> "true");
        Staff.register(registry, CLINIC);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    MongoDatabase database;

    @Autowired
    ProjectionProcessors processors;

    @Test
    void afterAFullCourseAndAnErasureNothingAnywhereHoldsTheClientsPersonalData(CapturedOutput output)
            throws Exception {
        String lot = created(
                        practitioner("/api/pigment-lots", String.format("""
                        {"lotId": "ink-%s", "brand": "InkCo", "shade": "dark brown", "batchNumber": "B-1",
                         "expiresOn": "2099-12-31", "reachLabelled": true, "receivedAt": "%s"}""", RUN, TODAY.minus(Duration.ofDays(60)))))
                .path("lotId")
                .asText();
        Instant from = TODAY.minus(Duration.ofDays(50));
        String client = created(practitioner("/api/clients", String.format("""
                        {"personalDetails": {"fullName": "%s", "dateOfBirth": "%s", "email": "%s", "phone": "%s"},
                         "registeredAt": "%s"}""", NAME, BIRTH_DATE, EMAIL, PHONE, from)))
                .path("clientId")
                .asText();
        String base = "/api/clients/" + client;
        created(practitioner(base + "/screenings", String.format("""
                {"screenedAt": "%s", "findings": [{"contraindication": "BLOOD_THINNERS", "severity": "RELATIVE",
                 "note": "%s takes warfarin"}]}""", from.plusSeconds(600), NOTE)));
        created(practitioner(base + "/consents", String.format("""
                {"signedAt": "%s", "formVersion": "v3", "documentRef": "consents/%s.pdf"}""", from.plusSeconds(1200), NAME)));
        created(practitioner(
                base + "/patch-tests",
                String.format("""
                {"lotId": "%s", "site": "behind the ear", "appliedAt": "%s", "readAt": "%s",
                "result": "NEGATIVE"}""", lot, from.plus(Duration.ofDays(1)), from.plus(Duration.ofDays(3)))));
        Instant start = from.plus(Duration.ofDays(10));
        JsonNode session = created(practitioner(
                base + "/sessions",
                String.format("""
                {"startedAt": "%s", "endedAt": "%s", "zoneWork": [{"zone": "CROWN", "densityAddedFraction": 0.3,
                 "needleCount": 3, "needleDiameterMm": 0.25, "pigments": [{"lotId": "%s", "dilutionWaterParts": 20}],
                 "notes": "%s crown"}], "notes": "call %s on %s"}""", start, start.plus(Duration.ofHours(3)), lot, NOTE, NAME, PHONE)));
        created(practitioner(
                base + "/corrections",
                String.format("""
                {"correctedEventId": "%s", "reason": "%s",
                 "personalDetails": {"fullName": "%s", "dateOfBirth": "%s", "email": "%s",
                 "phone": "%s"}}""", client, DETAILS_REASON, NAME, BIRTH_DATE, SECOND_EMAIL, PHONE)));
        created(practitioner(
                base + "/corrections",
                String.format("""
                {"correctedEventId": "%s", "reason": "%s",
                "changes": {"notes": "%s, corrected"}}""", session.path("sessionId").asText(), CORRECTION_REASON, NOTE)));
        Instant second = start.plus(Duration.ofDays(10));
        String secondSession = String.format("""
                {"startedAt": "%s", "endedAt": "%s", "zoneWork": [{"zone": "CROWN", "densityAddedFraction": 0.6,
                 "needleCount": 3, "needleDiameterMm": 0.25, "pigments": [{"lotId": "%s", "dilutionWaterParts": 20}]}]%%s}
                """, second, second.plus(Duration.ofHours(2)), lot);
        assertThat(status(practitioner(base + "/sessions", secondSession.formatted(""))))
                .as("more than one session may add to a zone (dose-per-session)")
                .isEqualTo(422);
        created(practitioner(
                base + "/sessions",
                secondSession.formatted(
                        ", \"override\": {\"reason\": \"" + OVERRIDE_REASON + "\", \"approvedBy\": \"lead-kim\"}")));
        // refusals and mistakes, with personal data in them, go through the logs too
        assertThat(status(practitioner(
                        base + "/sessions",
                        String.format(
                                """
                {"startedAt": "%s", "endedAt": "%s", "zoneWork": [{"zone": "CROWN", "densityAddedFraction": 0.2,
                 "needleCount": 3, "needleDiameterMm": 0.25, "pigments": [{"lotId": "%s", "dilutionWaterParts": 20}]}],
                 "notes": "%s again"}""",
                                start.plus(Duration.ofDays(1)),
                                start.plus(Duration.ofDays(1).plusHours(2)),
                                lot,
                                NAME))))
                .isEqualTo(422);
        assertThat(status(practitioner("/api/clients", String.format("""
                {"personalDetails": {"fullName": "%s", "dateOfBirth": "%s", "email": "%s not an email"}}""", NAME, BIRTH_DATE, EMAIL))))
                .isEqualTo(400);
        assertThat(status(practitioner("/api/clients", "{\"personalDetails\": {\"fullName\": \"" + NAME + "\"")))
                .isEqualTo(400);

        JsonNode details = ok(
                get(base + "/personal-details").with(Staff.practitioner(CLINIC).basic()));
        assertThat(details.path("fullName").asText()).isEqualTo(NAME);
        assertThat(details.path("email").asText()).isEqualTo(SECOND_EMAIL);
        assertThat(details.path("erased").asBoolean()).isFalse();
        String practitionersEvents = ok(get(base + "/events")
                        .with(Staff.practitioner(CLINIC).basic()))
                .toString();
        assertThat(practitionersEvents).contains(NAME, NOTE + " crown", CORRECTION_REASON, OVERRIDE_REASON);
        String auditorsEvents =
                ok(get(base + "/events").with(Staff.auditor(CLINIC).basic())).toString();
        assertThat(auditorsEvents).contains(client, "BLOOD_THINNERS");
        SEEDED.forEach(value -> assertThat(auditorsEvents).doesNotContain(value));

        // inside the retention period: refused, nothing stored
        long commitsBefore = database.getCollection("event_commits").countDocuments();
        Document keyBefore = database.getCollection("client_keys")
                .find(Filters.eq("_id", client))
                .first();
        MvcResult refused = mvc.perform(admin(base + "/erasure", """
                        {"reason": "CLIENT_REQUEST", "legalBasis": "GDPR Art. 17(1)(a)"}""")).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        JsonNode problem = json.readTree(refused.getResponse().getContentAsString());
        assertThat(problem.path("type").asText()).isEqualTo("urn:smp-ledger:problem:retention-period");
        assertThat(problem.toString())
                .contains(
                        "AT-tattoo-records-10y",
                        start.plus(Duration.ofDays(3650)).toString().substring(0, 4));
        assertThat(database.getCollection("event_commits").countDocuments()).isEqualTo(commitsBefore);
        assertThat(database.getCollection("client_keys")
                        .find(Filters.eq("_id", client))
                        .first())
                .isEqualTo(keyBefore);
        assertThat(ok(get(base + "/personal-details").with(Staff.admin(CLINIC).basic()))
                        .path("fullName")
                        .asText())
                .isEqualTo(NAME);

        // with the legal basis that overrides retention: erased, and the basis recorded
        JsonNode erasure = created(admin(base + "/erasure", """
                {"reason": "CLIENT_REQUEST", "legalBasis": "GDPR Art. 17(1)(a)",
                 "overrideLegalBasis": "GDPR Art. 17(3)(c) does not apply: no public-health need"}"""));
        assertThat(erasure.path("eventType").asText()).isEqualTo("ClientPersonalDataErased");
        JsonNode erasedEvent =
                lastEvent(ok(get(base + "/events").with(Staff.auditor(CLINIC).basic())));
        assertThat(erasedEvent.at("/payload/retentionOverride/legalBasis").asText())
                .startsWith("GDPR Art. 17(3)(c)");
        assertThat(erasedEvent.at("/payload/retentionOverride/ruleId").asText()).isEqualTo("AT-tattoo-records-10y");
        Document tombstone = database.getCollection("client_keys")
                .find(Filters.eq("_id", client))
                .first();
        assertThat(tombstone).doesNotContainKey("key").containsKey("erasedAt");

        JsonNode erasedDetails = ok(
                get(base + "/personal-details").with(Staff.practitioner(CLINIC).basic()));
        assertThat(erasedDetails.path("erased").asBoolean()).isTrue();
        assertThat(erasedDetails.path("fullName").isNull()).isTrue();
        String eventsAfter = ok(get(base + "/events")
                        .with(Staff.practitioner(CLINIC).basic()))
                .toString();
        SEEDED.forEach(value -> assertThat(eventsAfter).doesNotContain(value));
        assertThat(status(practitioner(
                        base + "/healing-assessments",
                        String.format("""
                {"sessionId": "%s", "outcome": "AS_EXPECTED", "notes": "%s"}""", session.path("sessionId").asText(), NOTE))))
                .isEqualTo(422);

        // the clinical history still reads, as an erased client
        caughtUp();
        JsonNode timeline =
                ok(get(base + "/timeline").with(Staff.practitioner(CLINIC).basic()));
        assertThat(timeline.toString()).contains("Personal data erased", "Session 1 of course 1");
        assertThat(timeline.path("personalDataErasedAt").isTextual()).isTrue();
        JsonNode risk = ok(get(base + "/risk").with(Staff.practitioner(CLINIC).basic()));
        assertThat(risk.at("/zones/0/density").asDouble()).isCloseTo(0.9, within(1e-9));
        assertThat(timeline.toString()).contains("went ahead past dose-per-session");
        assertThat(risk.path("personalDataErasedAt").isTextual()).isTrue();
        JsonNode recall = ok(get("/api/pigment-lots/" + lot + "/clients")
                .with(Staff.admin(CLINIC).basic()));
        assertThat(recall.at("/clients/items/0/clientId").asText()).isEqualTo(client);
        assertThat(recall.path("erasedClients").toString()).isEqualTo("[\"" + client + "\"]");

        List<String> kafka = topicRecords(client);
        assertThat(String.join("\n", kafka)).contains("ClientPersonalDataErased", "BLOOD_THINNERS");
        for (String record : kafka) {
            SEEDED.forEach(value -> assertThat(record).as("a Kafka record").doesNotContain(value));
        }
        for (String collection : database.listCollectionNames()) {
            for (RawBsonDocument document :
                    database.getCollection(collection, RawBsonDocument.class).find()) {
                String bytes = new String(bytesOf(document), StandardCharsets.UTF_8);
                SEEDED.forEach(value ->
                        assertThat(bytes).as("a document of " + collection).doesNotContain(value));
            }
        }
        for (Map.Entry<String, String> export : analystExports(client).entrySet()) {
            assertThat(export.getValue())
                    .as(export.getKey())
                    .contains(client, "SessionCompleted", "ClientPersonalDataErased");
            SEEDED.forEach(
                    value -> assertThat(export.getValue()).as(export.getKey()).doesNotContain(value));
        }
        String logs = output.getAll();
        assertThat(logs).isNotBlank();
        SEEDED.forEach(value -> assertThat(logs).as("the log").doesNotContain(value));
    }

    /** The analyst tool's export of this database in every format (Parquet read back through DuckDB), as text. */
    private Map<String, String> analystExports(String client) throws Exception {
        Path folder = Files.createTempDirectory("smp-erasure-export");
        Map<String, String> exports = new LinkedHashMap<>();
        for (String format : List.of("ndjson", "csv", "parquet")) {
            Path file = folder.resolve("events." + format);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            try (PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
                    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code = SmpCommand.run(
                        new String[] {
                            "export",
                            "--format",
                            format,
                            "--output",
                            file.toString(),
                            "--client",
                            client,
                            "--mongodb-uri",
                            TestMongo.connectionString(),
                            "--database",
                            database.getName()
                        },
                        out,
                        errors);
            }
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            if (format.equals("parquet")) {
                StringBuilder text = new StringBuilder();
                try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                        Statement sql = duck.createStatement();
                        ResultSet rows = sql.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
                    while (rows.next()) {
                        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                            text.append(rows.getString(i)).append('|');
                        }
                        text.append('\n');
                    }
                }
                exports.put(format, text.toString());
            } else {
                exports.put(format, Files.readString(file));
            }
        }
        return exports;
    }

    @Test
    void aCiphertextAlteredInTheStoreIsDetectedOnReadNotOpenedIntoSomethingElse(CapturedOutput output)
            throws Exception {
        String client = created(practitioner(
                        "/api/clients", String.format("""
                        {"personalDetails": {"fullName": "%s", "dateOfBirth": "%s"},
                        "registeredAt": "%s"}""", NAME, BIRTH_DATE, TODAY.minus(Duration.ofDays(3)))))
                .path("clientId")
                .asText();
        Document commit = database.getCollection("event_commits")
                .find(Filters.eq("keys", client + ":0"))
                .first();
        @SuppressWarnings("unchecked")
        List<Document> events = (List<Document>) commit.get("events");
        Document event = events.get(0);
        ObjectNode payload =
                (ObjectNode) json.readTree(event.get("p", Binary.class).getData());
        String sealed = payload.at("/personalDetails/sealed").asText();
        assertThat(sealed).isNotEmpty();
        int at = sealed.length() / 2;
        char changed = sealed.charAt(at) == 'Q' ? 'R' : 'Q';
        ((ObjectNode) payload.get("personalDetails"))
                .put("sealed", sealed.substring(0, at) + changed + sealed.substring(at + 1));
        event.put("p", new Binary(json.writeValueAsBytes(payload)));
        database.getCollection("event_commits").replaceOne(Filters.eq("_id", commit.get("_id")), commit);

        MvcResult read = mvc.perform(get("/api/clients/" + client + "/personal-details")
                        .with(Staff.practitioner(CLINIC).basic()))
                .andReturn();
        assertThat(read.getResponse().getStatus()).isEqualTo(500);
        assertThat(read.getResponse().getContentAsString())
                .contains("urn:smp-ledger:problem:personal-data-unreadable")
                .doesNotContain("fullName");
        assertThat(output.getAll()).contains("does not authenticate").doesNotContain(NAME);
        // readers that never open personal data are not disturbed: the timeline still reads
        caughtUp();
        assertThat(ok(get("/api/clients/" + client + "/timeline")
                                .with(Staff.practitioner(CLINIC).basic()))
                        .toString())
                .contains("ClientRegistered");
    }

    @Test
    void clientsPastRetentionAreListedDryRunFirstThenErasedOneEventEach() throws Exception {
        Instant longAgo = TODAY.minus(Duration.ofDays(365L * 11));
        String old = created(practitioner("/api/clients", String.format("""
                        {"personalDetails": {"fullName": "%s", "dateOfBirth": "%s"}, "registeredAt": "%s"}""", NAME, BIRTH_DATE, longAgo)))
                .path("clientId")
                .asText();
        String recent = created(practitioner(
                        "/api/clients", String.format("""
                        {"personalDetails": {"fullName": "%s", "dateOfBirth": "%s"},
                        "registeredAt": "%s"}""", NAME, BIRTH_DATE, TODAY.minus(Duration.ofDays(30)))))
                .path("clientId")
                .asText();

        String due =
                ok(get("/api/retention/due").with(Staff.admin(CLINIC).basic())).toString();
        assertThat(due).contains(old, "AT-tattoo-records-10y").doesNotContain(recent);

        long commitsBefore = database.getCollection("event_commits").countDocuments();
        JsonNode dryRun = ok(post("/api/retention/erasures")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}")
                .with(Staff.admin(CLINIC).basic()));
        assertThat(dryRun.path("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.path("clients").toString()).contains(old).doesNotContain(recent);
        assertThat(database.getCollection("event_commits").countDocuments()).isEqualTo(commitsBefore);
        assertThat(ok(get("/api/clients/" + old + "/personal-details")
                                .with(Staff.admin(CLINIC).basic()))
                        .path("erased")
                        .asBoolean())
                .isFalse();

        JsonNode erased = ok(post("/api/retention/erasures")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"dryRun\": false}")
                .with(Staff.admin(CLINIC).basic()));
        JsonNode outcome = null;
        for (JsonNode client : erased.path("clients")) {
            if (client.path("clientId").asText().equals(old)) {
                outcome = client;
            }
        }
        assertThat(outcome).isNotNull();
        assertThat(outcome.path("eventId").asText()).isNotEmpty();
        JsonNode oldDetails = ok(get("/api/clients/" + old + "/personal-details")
                .with(Staff.admin(CLINIC).basic()));
        assertThat(oldDetails.path("erased").asBoolean()).isTrue();
        assertThat(oldDetails.path("fullName").isNull()).isTrue();
        JsonNode erasure = lastEvent(ok(get("/api/clients/" + old + "/events")
                .with(Staff.auditor(CLINIC).basic())));
        assertThat(erasure.path("type").asText()).isEqualTo("ClientPersonalDataErased");
        assertThat(erasure.at("/payload/reason").asText()).isEqualTo("RETENTION_EXPIRED");
        assertThat(ok(get("/api/clients/" + recent + "/personal-details")
                                .with(Staff.admin(CLINIC).basic()))
                        .path("fullName")
                        .asText())
                .isEqualTo(NAME);
        assertThat(ok(get("/api/retention/due").with(Staff.admin(CLINIC).basic()))
                        .toString())
                .doesNotContain(old);
    }

    /**
     * A registration stored by a version without encryption (the plain JSON serializer, through the
     * driver) before the service starts, as an upgraded store has it.
     */
    private static void storedBeforeEncryption() {
        try (MongoClient mongo = MongoClients.create(TestMongo.connectionString())) {
            Serializer plain = JsonEventSerializer.on(ServiceJson.mapper(), new AnnotationRevisionResolver());
            EmbeddedEventStore store = EmbeddedEventStore.builder()
                    .storageEngine(MongoCommitStorageEngine.builder()
                            .database(mongo.getDatabase(DATABASE))
                            .eventSerializer(plain)
                            .snapshotSerializer(plain)
                            .build())
                    .build();
            Instant registeredAt = Instant.parse("2021-05-03T09:00:00Z");
            store.publish(new GenericDomainEventMessage<>(
                    "TreatmentRecord",
                    LEGACY_CLIENT,
                    0,
                    new ClientRegistered(
                            LEGACY_CLIENT,
                            CLINIC,
                            new PersonalDetails(
                                    LEGACY_NAME, LocalDate.parse(LEGACY_BIRTH_DATE), LEGACY_EMAIL, LEGACY_PHONE),
                            registeredAt),
                    MetaData.with(EventMetadata.CLINIC_ID, CLINIC)
                            .and(EventMetadata.ACTOR_ID, "reception-old")
                            .and(EventMetadata.ACTOR_ROLE, "practitioner")
                            .and(EventMetadata.RECORDED_AT, registeredAt.toString())));
            store.shutDown();
            RawBsonDocument stored = database(mongo)
                    .getCollection("event_commits", RawBsonDocument.class)
                    .find()
                    .first();
            assertThat(new String(bytesOf(stored), StandardCharsets.UTF_8)).contains(LEGACY_NAME);
        }
    }

    private static MongoDatabase database(MongoClient mongo) {
        return mongo.getDatabase(DATABASE);
    }

    @Test
    void aClientRegisteredBeforeEncryptionIsErasedToo() throws Exception {
        String base = "/api/clients/" + LEGACY_CLIENT;
        // sealed in place when the service started: readable for practitioners, in plain text nowhere
        assertThat(ok(get(base + "/personal-details")
                                .with(Staff.practitioner(CLINIC).basic()))
                        .path("fullName")
                        .asText())
                .isEqualTo(LEGACY_NAME);
        assertThat(database.getCollection("personal_data_migrations").countDocuments())
                .as("the first sealing and the one of reasons marked personal later, each once")
                .isEqualTo(2);
        assertThat(everyStoredDocument()).doesNotContain(LEGACY_NAME);

        created(admin(base + "/erasure", """
                {"reason": "CLIENT_REQUEST", "legalBasis": "GDPR Art. 17(1)(a)",
                 "overrideLegalBasis": "court order 4 Ob 17/26"}"""));
        assertThat(ok(get(base + "/personal-details")
                                .with(Staff.practitioner(CLINIC).basic()))
                        .path("erased")
                        .asBoolean())
                .isTrue();
        caughtUp();
        String everything = everyStoredDocument();
        LEGACY_SEEDED.forEach(value -> assertThat(everything).doesNotContain(value));
        // nothing stored was rewritten after the verifiable log covered it
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    MvcResult verify = mvc.perform(get("/api/audit/verify")
                                    .with(Staff.auditor(CLINIC).basic()))
                            .andReturn();
                    assertThat(verify.getResponse().getStatus()).isEqualTo(200);
                    JsonNode report = json.readTree(verify.getResponse().getContentAsString());
                    assertThat(report.path("verified").asBoolean())
                            .as(report.toString())
                            .isTrue();
                });
    }

    /** Every document of every collection, as its stored bytes. */
    private String everyStoredDocument() {
        StringBuilder all = new StringBuilder();
        for (String collection : database.listCollectionNames()) {
            for (RawBsonDocument document :
                    database.getCollection(collection, RawBsonDocument.class).find()) {
                all.append(collection)
                        .append(' ')
                        .append(new String(bytesOf(document), StandardCharsets.UTF_8))
                        .append('\n');
            }
        }
        return all.toString();
    }

    private List<String> topicRecords(String client) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(PUBLIC_TOPIC, LOT_TOPIC, CLINICAL_TOPIC)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Set<String> erasuresSeen = new HashSet<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    StringBuilder text = new StringBuilder(record.topic()).append(' ');
                    text.append(record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8));
                    for (Header header : record.headers()) {
                        text.append(' ')
                                .append(header.key())
                                .append('=')
                                .append(new String(header.value(), StandardCharsets.UTF_8));
                    }
                    text.append(' ').append(new String(record.value(), StandardCharsets.UTF_8));
                    records.add(text.toString());
                    if (text.indexOf("ClientPersonalDataErased") >= 0 && text.indexOf(client) >= 0) {
                        erasuresSeen.add(record.topic());
                    }
                }
                return erasuresSeen.containsAll(List.of(PUBLIC_TOPIC, CLINICAL_TOPIC));
            });
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(record ->
                                records.add(record.topic() + " " + new String(record.value(), StandardCharsets.UTF_8)));
            }
        }
        return records;
    }

    private static byte[] bytesOf(RawBsonDocument document) {
        var buffer = document.getByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static JsonNode lastEvent(JsonNode page) {
        JsonNode items = page.path("items");
        return items.get(items.size() - 1);
    }

    private MockHttpServletRequestBuilder practitioner(String path, String body) {
        return post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .with(Staff.practitioner(CLINIC).basic());
    }

    private MockHttpServletRequestBuilder admin(String path, String body) {
        return post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .with(Staff.admin(CLINIC).basic());
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private JsonNode created(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(201);
        return json.readTree(result.getResponse().getContentAsString());
    }

    private JsonNode ok(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(200);
        return json.readTree(result.getResponse().getContentAsString());
    }

    private void caughtUp() {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> processors.names().stream()
                        .allMatch(name -> processors.status(name).lag() == 0
                                && processors.status(name).position() != null));
    }
}
