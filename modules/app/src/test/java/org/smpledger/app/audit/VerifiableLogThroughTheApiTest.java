package org.smpledger.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffAuthentication;
import org.smpledger.app.security.StaffMember;
import org.smpledger.app.testing.Staff;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.treatmentlog.CheckpointPublication;
import org.smpledger.verifier.LogVerifier;
import org.smpledger.verifier.VerificationReport;
import org.smpledger.verifier.checkpoint.Ed25519Keys;
import org.smpledger.verifier.checkpoint.InclusionBundle;
import org.smpledger.verifier.checkpoint.KeyFiles;
import org.smpledger.verifier.checkpoint.LogKey;
import org.smpledger.verifier.checkpoint.ProofText;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.smpledger.verifier.merkle.ConsistencyProof;
import org.smpledger.verifier.store.LogStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The verifiable log end to end: a course recorded through the API is in the signed tree; an
 * auditor's checkpoint and proofs verify with the verifier library and nothing but the public key
 * (as a third party would); the checkpoints are on their Kafka topic; bad questions are 400/404;
 * a byte changed in MongoDB is named by {@code /api/audit/verify} at its position; and after a
 * client's personal data is erased (issue 13: the key deleted, the sealed events kept) the whole log
 * still verifies, while a change made after the erasure is still named.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifiableLogThroughTheApiTest {

    private static final String CLINIC = "clinic-west";
    private static final String ORIGIN = "clinic-west.example/smp-ledger";
    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    private static final String DATABASE = TestMongo.freshDatabaseName("verifiable_log");
    private static final String TOPIC = TestKafka.freshTopicName("log-checkpoints");
    private static Path dataDir;

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        dataDir = Files.createTempDirectory("smp-verifiable-log");
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> DATABASE);
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.publisher.enabled", () -> "false");
        registry.add("smp.data-dir", dataDir::toString);
        registry.add("smp.verifiable-log.origin", () -> ORIGIN);
        registry.add("smp.verifiable-log.checkpoints.every", () -> "300ms");
        registry.add("smp.verifiable-log.kafka.topic", () -> TOPIC);
        // GET /api/audit/verify answers 202 with the job at once: every verification here goes through its job
        registry.add("smp.verifiable-log.verify-wait", () -> "0s");
        Staff.register(registry, CLINIC);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    EventStore eventStore;

    private final MongoClient mongo = MongoClients.create(TestMongo.connectionString());

    @AfterAll
    void closeMongo() {
        mongo.close();
    }

    @Test
    void aRecordedCourseIsProvablyInTheSignedLogAndATamperedByteIsNamedAtItsPosition() throws Exception {
        String lot = lotReceived("ash");
        String client = readyClient(lot, TODAY.minus(Duration.ofDays(30)));
        String lastSession = sessionRecorded(client, lot);
        long head = head();
        JsonNode latest = awaitCheckpointOf(head);

        // a third party: the public key out of band (here: from the deployment's key file), then the API
        LogKey key = new LogKey(
                ORIGIN,
                Ed25519Keys.publicKeyOf(KeyFiles.readPrivateKey(
                        dataDir.resolve("verifiable-log").resolve("checkpoint-key.pem"))));
        assertThat(auditor("/api/audit/log-key").path("verifierKey").asText()).isEqualTo(key.verifierKey());
        SignedCheckpoint checkpoint = SignedCheckpoint.parse(latest.path("note").asText());
        assertThat(key.verify(checkpoint).size()).isEqualTo(head);
        MongoDatabase store = mongo.getDatabase(DATABASE);
        LogVerifier verifier = new LogVerifier(LogStore.on(store), key);
        for (long position = 1; position <= head; position++) {
            JsonNode inclusion = auditor("/api/audit/proofs/inclusion?position=" + position + "&size=" + head);
            InclusionBundle bundle =
                    ProofText.parseInclusion(inclusion.path("proof").asText());
            VerificationReport included = verifier.checkInclusion(bundle, null);
            assertThat(included.verified()).as(included.toString()).isTrue();
        }
        VerificationReport whole = verifier.verify(checkpoint);
        assertThat(whole.verified()).as(whole.toString()).isTrue();
        assertThat(verification("/api/audit/verify").path("verified").asBoolean())
                .isTrue();
        // the auditor's page verifies on demand through the same jobs
        assertThat(auditorsPage(get("/audit")).getContentAsString())
                .contains("has not been verified since the service started");
        assertThat(auditorsPage(post("/audit/verification").with(csrf())).getStatus())
                .isEqualTo(302);
        // verify-wait is 0 s here: the page shows the job's result once it has finished
        await().atMost(Duration.ofSeconds(30))
                .until(() -> auditorsPage(get("/audit")).getContentAsString().contains(">Verified<"));
        assertThat(auditorsPage(get("/audit")).getContentAsString())
                .contains(">Verified<")
                .contains("Against the checkpoint of <span>" + head + "</span> events");
        assertThat(auditorsPage(post("/audit/verification")).getStatus()).isEqualTo(403);

        // the log grows: the newer checkpoint extends the older one
        aftercareIssued(client, lastSession);
        long grown = head();
        SignedCheckpoint newer =
                SignedCheckpoint.parse(awaitCheckpointOf(grown).path("note").asText());
        JsonNode consistency = auditor("/api/audit/proofs/consistency?from=" + head + "&to=" + grown);
        ConsistencyProof proof =
                ProofText.parseConsistency(consistency.path("proof").asText());
        VerificationReport extends_ = LogVerifier.offline(key).checkConsistency(checkpoint, newer, proof);
        assertThat(extends_.verified()).as(extends_.toString()).isTrue();
        assertThat(auditor("/api/audit/checkpoints/" + head).path("note").asText())
                .isEqualTo(checkpoint.text());

        // every checkpoint is on the topic, signed by the log's key
        Map<Long, SignedCheckpoint> onTopic = checkpointsOnTopic(grown);
        assertThat(onTopic).containsKeys(head, grown);
        for (SignedCheckpoint copy : onTopic.values()) {
            assertThat(key.verify(copy).origin()).isEqualTo(ORIGIN);
        }

        // one byte of a payload changed through the driver: named at its position
        long tampered = 3;
        BsonDocument original = tamper(tampered, event -> {
            byte[] payload = event.getBinary("p").getData();
            payload[payload.length / 2] ^= 0x01;
            event.put("p", new BsonBinary(payload));
        });
        try {
            JsonNode report = verification("/api/audit/verify?size=" + grown);
            assertThat(report.path("verified").asBoolean()).isFalse();
            assertThat(report.path("firstBadPosition").asLong()).isEqualTo(tampered);
            assertThat(report.at("/faults/0/kind").asText()).isEqualTo("ALTERED_EVENT");
            assertThat(report.at("/faults/0/position").asLong()).isEqualTo(tampered);
            assertThat(verifier.verify(newer).firstBadPosition()).hasValue(tampered);
            // and the page, against the latest checkpoint (the grown tree), names the first bad position
            assertThat(auditorsPage(post("/audit/verification").with(csrf())).getStatus())
                    .isEqualTo(302);
            // verify-wait is 0 s here: the page shows the job's result once it has finished
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            auditorsPage(get("/audit")).getContentAsString().contains(">NOT verified<"));
            assertThat(auditorsPage(get("/audit")).getContentAsString())
                    .contains(">NOT verified<")
                    .contains("first bad position\n            <span>" + tampered + "</span>")
                    .contains("Against the checkpoint of <span>" + grown + "</span> events");
        } finally {
            restore(original);
        }
        assertThat(verifier.verify(newer).verified()).isTrue();
    }

    @Test
    void afterAFullCourseAndAnErasureTheWholeLogStillVerifiesAndALaterChangeIsStillNamed() throws Exception {
        String lot = lotReceived("slate");
        String client = readyClient(lot, TODAY.minus(Duration.ofDays(30)));
        String base = "/api/clients/" + client;
        aftercareIssued(client, sessionRecorded(client, lot));
        long beforeErasure = head();
        SignedCheckpoint older = SignedCheckpoint.parse(
                awaitCheckpointOf(beforeErasure).path("note").asText());

        JsonNode erasure = created(command(Staff.admin(CLINIC), base + "/erasure", """
                {"reason": "CLIENT_REQUEST", "legalBasis": "GDPR Art. 17(1)(a)",
                 "overrideLegalBasis": "GDPR Art. 17(3)(c) does not apply: no public-health need"}"""));
        assertThat(erasure.path("eventType").asText()).isEqualTo("ClientPersonalDataErased");
        MongoDatabase store = mongo.getDatabase(DATABASE);
        assertThat(store.getCollection("client_keys")
                        .find(new BsonDocument("_id", new BsonString(client)))
                        .first())
                .as("the client's key is gone: the sealed personal data can no longer be opened")
                .doesNotContainKey("key")
                .containsKey("erasedAt");
        long erasedAt = head();
        assertThat(commitHolding(erasedAt)
                        .getArray("events")
                        .get((int) (erasedAt
                                - commitHolding(erasedAt).getInt64("_id").getValue()))
                        .asDocument()
                        .getString("pt")
                        .getValue())
                .endsWith("ClientPersonalDataErased");
        SignedCheckpoint latest =
                SignedCheckpoint.parse(awaitCheckpointOf(erasedAt).path("note").asText());

        // the whole log, the erased client's sealed events included, verifies: with the library and the key only
        LogKey key =
                LogKey.parse(auditor("/api/audit/log-key").path("verifierKey").asText());
        LogVerifier verifier = new LogVerifier(LogStore.on(store), key);
        VerificationReport whole = verifier.verify(latest);
        assertThat(whole.verified()).as(whole.toString()).isTrue();
        VerificationReport extended = verifier.checkConsistency(older, latest, null);
        assertThat(extended.verified()).as(extended.toString()).isTrue();
        JsonNode served = verification("/api/audit/verify");
        assertThat(served.path("verified").asBoolean()).as(served.toString()).isTrue();
        assertThat(served.at("/checkpoint/size").asLong()).isEqualTo(erasedAt);

        // a change made after the erasure is still named: one byte of the erased client's sealed registration
        long registered = positionOf(client + ":0");
        BsonDocument original = tamper(registered, event -> {
            byte[] payload = event.getBinary("p").getData();
            String text = new String(payload, StandardCharsets.UTF_8);
            int sealed = text.indexOf("\"sealed\"");
            assertThat(sealed)
                    .as("the registration's personal details are stored sealed")
                    .isPositive();
            int at = sealed + 20;
            payload[at] = (byte) (payload[at] == 'Q' ? 'R' : 'Q');
            event.put("p", new BsonBinary(payload));
        });
        try {
            JsonNode report = verification("/api/audit/verify");
            assertThat(report.path("verified").asBoolean()).isFalse();
            assertThat(report.path("firstBadPosition").asLong()).isEqualTo(registered);
            assertThat(report.at("/faults/0/kind").asText()).isEqualTo("ALTERED_EVENT");
            assertThat(verifier.verify(latest).firstBadPosition()).hasValue(registered);
        } finally {
            restore(original);
        }
        // and the erasure event itself, its time moved back a day
        original = tamper(
                erasedAt,
                event -> event.put(
                        "ts",
                        new BsonDateTime(event.getDateTime("ts").getValue()
                                - Duration.ofDays(1).toMillis())));
        try {
            JsonNode report = verification("/api/audit/verify");
            assertThat(report.path("verified").asBoolean()).isFalse();
            assertThat(report.path("firstBadPosition").asLong()).isEqualTo(erasedAt);
            assertThat(verifier.verify(latest).firstBadPosition()).hasValue(erasedAt);
        } finally {
            restore(original);
        }
        assertThat(verifier.verify(latest).verified()).isTrue();
        assertThat(verification("/api/audit/verify").path("verified").asBoolean())
                .isTrue();
    }

    /** Changes the event at {@code position} through the driver; returns the commit as it was. */
    private BsonDocument tamper(long position, java.util.function.Consumer<BsonDocument> change) {
        BsonDocument commit = commitHolding(position);
        BsonDocument original = commit.clone();
        long first = commit.getInt64("_id").getValue();
        BsonArray events = commit.getArray("events");
        change.accept(events.get((int) (position - first)).asDocument());
        commits().replaceOne(new BsonDocument("_id", new BsonInt64(first)), commit);
        return original;
    }

    private void restore(BsonDocument commit) {
        commits().replaceOne(new BsonDocument("_id", commit.get("_id")), commit);
    }

    private BsonDocument commitHolding(long position) {
        return commits().find(new BsonDocument("pos", new BsonInt64(position))).first();
    }

    private long positionOf(String streamKey) {
        BsonDocument commit = commits()
                .find(new BsonDocument("keys", new BsonString(streamKey)))
                .first();
        BsonArray keys = commit.getArray("keys");
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).asString().getValue().equals(streamKey)) {
                return commit.getInt64("_id").getValue() + i; // every event of our commits is in a stream
            }
        }
        throw new IllegalStateException(streamKey + " not in its commit");
    }

    private MongoCollection<BsonDocument> commits() {
        return mongo.getDatabase(DATABASE).getCollection("event_commits", BsonDocument.class);
    }

    @Test
    void badQuestionsAreProblemsNeverErrors() throws Exception {
        lotReceived("umber");
        long size = head();
        awaitCheckpointOf(size);
        long beyond = size + 1000;
        refused("/api/audit/proofs/inclusion?position=abc", 400, "position");
        refused("/api/audit/proofs/inclusion?position=0", 400, "position");
        refused("/api/audit/proofs/inclusion?position=-3", 400, "position");
        refused("/api/audit/proofs/inclusion", 400, "position");
        refused("/api/audit/proofs/inclusion?position=1&size=1.5", 400, "size");
        refused("/api/audit/proofs/inclusion?position=" + beyond, 404, "position");
        refused("/api/audit/proofs/inclusion?position=1&size=" + beyond, 404, "size");
        refused("/api/audit/proofs/inclusion?position=99999999999999999999", 400, "position");
        refused("/api/audit/proofs/consistency?from=2&to=1", 400, "from");
        refused("/api/audit/proofs/consistency?from=x&to=1", 400, "from");
        refused("/api/audit/proofs/consistency?from=1", 400, "to");
        refused("/api/audit/proofs/consistency?from=1&to=" + beyond, 404, "to");
        refused("/api/audit/checkpoints/" + beyond, 404, "checkpoint");
        refused("/api/audit/checkpoints/ten", 400, "size");
        refused("/api/audit/verify?size=" + beyond, 404, "checkpoint");
        refused("/api/audit/verify?size=", 400, "size");

        MvcResult practitioner = mvc.perform(get("/api/audit/checkpoints/latest")
                        .with(Staff.of(Role.PRACTITIONER, CLINIC).basic()))
                .andReturn();
        assertThat(practitioner.getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void aVerificationIsAJobThatNoRequestWaitsForAndTheTreeHasAHealthComponent() throws Exception {
        lotReceived("sepia");
        long size = head();
        awaitCheckpointOf(size);

        MvcResult started = mvc.perform(post("/api/audit/verifications?size=" + size)
                        .with(Staff.auditor(CLINIC).basic()))
                .andReturn();
        assertThat(started.getResponse().getStatus()).isEqualTo(202);
        String location = started.getResponse().getHeader("Location");
        JsonNode job = json.readTree(started.getResponse().getContentAsString());
        assertThat(location)
                .isEqualTo("/api/audit/verifications/" + job.path("id").asText());
        assertThat(job.path("totalEvents").asLong()).isEqualTo(size);
        assertThat(job.at("/checkpoint/size").asLong()).isEqualTo(size);
        JsonNode done = awaitJob(location);
        assertThat(done.path("state").asText()).isEqualTo("DONE");
        assertThat(done.path("checkedEvents").asLong()).isEqualTo(size);
        assertThat(done.at("/result/verified").asBoolean()).isTrue();
        assertThat(done.path("finishedAt").isTextual()).isTrue();

        // GET /api/audit/verify waits at most smp.verifiable-log.verify-wait (0 s here), then hands out the job
        MvcResult bounded = mvc.perform(
                        get("/api/audit/verify").with(Staff.auditor(CLINIC).basic()))
                .andReturn();
        assertThat(bounded.getResponse().getStatus()).isEqualTo(202);
        assertThat(bounded.getResponse().getHeader("Location")).startsWith("/api/audit/verifications/");
        assertThat(awaitJob(bounded.getResponse().getHeader("Location"))
                        .at("/result/verified")
                        .asBoolean())
                .isTrue();
        refused("/api/audit/verifications/no-such-job", 404, "no-such-job");

        // the tree's health component, details for clinic-admins as every component's
        JsonNode health = json.readTree(
                mvc.perform(get("/actuator/health").with(Staff.admin(CLINIC).basic()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        JsonNode tree = health.at("/components/verifiableLog");
        assertThat(tree.path("status").asText()).as(tree.toString()).isEqualTo("UP");
        assertThat(tree.at("/details/processorRunning").asBoolean()).isTrue();
        assertThat(tree.at("/details/treeSize").asLong()).isGreaterThanOrEqualTo(size);
        assertThat(tree.at("/details/headPosition").asLong()).isGreaterThanOrEqualTo(size);
        assertThat(tree.at("/details/checkpointLag").asLong())
                .isEqualTo(tree.at("/details/headPosition").asLong()
                        - tree.at("/details/checkpointSize").asLong());
        assertThat(Instant.parse(tree.at("/details/lastCheckpointTime").asText()))
                .isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        JsonNode anonymous = json.readTree(
                mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString());
        assertThat(anonymous.has("components")).isFalse();
    }

    /** The verification's result: at once (200), or from its job (202, Location) once that is done. */
    private JsonNode verification(String path) throws Exception {
        MvcResult result =
                mvc.perform(get(path).with(Staff.auditor(CLINIC).basic())).andReturn();
        int status = result.getResponse().getStatus();
        assertThat(status)
                .as(path + ": " + result.getResponse().getContentAsString())
                .isIn(200, 202);
        if (status == 200) {
            return json.readTree(result.getResponse().getContentAsString());
        }
        JsonNode job = awaitJob(result.getResponse().getHeader("Location"));
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("DONE");
        return job.path("result");
    }

    private JsonNode awaitJob(String location) throws Exception {
        JsonNode[] job = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    job[0] = auditor(location);
                    return !job[0].path("state").asText().equals("RUNNING");
                });
        return job[0];
    }

    private void refused(String path, int status, String mentions) throws Exception {
        MvcResult result =
                mvc.perform(get(path).with(Staff.auditor(CLINIC).basic())).andReturn();
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(path + ": " + body).isEqualTo(status);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(body).as(path).contains(mentions);
    }

    private Map<Long, SignedCheckpoint> checkpointsOnTopic(long atLeast) throws Exception {
        Map<Long, SignedCheckpoint> copies = new TreeMap<>();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringDeserializer(),
                new CloudEventDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<Exception> failures = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    CloudEvent event = record.value();
                    assertThat(event.getType()).isEqualTo(CheckpointPublication.TYPE);
                    assertThat(record.key()).isEqualTo(ORIGIN);
                    try {
                        SignedCheckpoint copy = SignedCheckpoint.parse(
                                new String(event.getData().toBytes(), StandardCharsets.UTF_8));
                        assertThat(event.getId())
                                .isEqualTo(ORIGIN + "/" + copy.checkpoint().size());
                        copies.put(copy.checkpoint().size(), copy);
                    } catch (Exception e) {
                        failures.add(e);
                    }
                });
                return copies.containsKey(atLeast);
            });
            assertThat(failures).isEmpty();
        }
        return copies;
    }

    /** A lot of InkCo pigment in {@code shade}, received 60 days ago; its id. */
    private String lotReceived(String shade) throws Exception {
        return created(command(Staff.practitioner(CLINIC), "/api/pigment-lots", """
                {"brand": "InkCo", "shade": "%s", "batchNumber": "B-%s", "expiresOn": "2099-12-31",
                 "receivedAt": "%s"}""".formatted(
                                shade, System.nanoTime(), TODAY.minus(Duration.ofDays(60)))))
                .path("lotId")
                .asText();
    }

    /** A session of the client's course with the lot; its id. */
    private String sessionRecorded(String client, String lot) throws Exception {
        return created(command(Staff.practitioner(CLINIC), "/api/clients/" + client + "/sessions", session(lot)))
                .path("sessionId")
                .asText();
    }

    /** Aftercare for the session, issued 9 days ago with a written copy. */
    private void aftercareIssued(String client, String session) throws Exception {
        created(command(
                Staff.practitioner(CLINIC),
                "/api/clients/" + client + "/aftercare",
                "{\"sessionId\": \"%s\", \"issuedAt\": \"%s\", \"writtenCopyGiven\": true}"
                        .formatted(session, TODAY.minus(Duration.ofDays(9)))));
    }

    private String readyClient(String lot, Instant from) throws Exception {
        Staff.Member practitioner = Staff.practitioner(CLINIC);
        String client = created(command(practitioner, "/api/clients", """
                {"personalDetails": {"fullName": "Wes Client", "dateOfBirth": "1980-02-03"}, "registeredAt": "%s"}""".formatted(from)))
                .path("clientId")
                .asText();
        String base = "/api/clients/" + client;
        created(command(
                practitioner,
                base + "/screenings",
                "{\"screenedAt\": \"%s\", \"findings\": []}".formatted(from.plusSeconds(600))));
        created(command(
                practitioner,
                base + "/consents",
                "{\"signedAt\": \"%s\", \"formVersion\": \"v3\", \"documentRef\": \"c.pdf\"}"
                        .formatted(from.plusSeconds(1200))));
        created(command(practitioner, base + "/patch-tests", """
                {"lotId": "%s", "site": "behind the ear", "appliedAt": "%s", "readAt": "%s", "result": "NEGATIVE"}""".formatted(
                        lot, from.plus(Duration.ofDays(1)), from.plus(Duration.ofDays(3)))));
        return client;
    }

    private String session(String lot) {
        Instant start = TODAY.minus(Duration.ofDays(10));
        String template = """
                {"startedAt": "%s", "endedAt": "%s", "zoneWork": [{"zone": "CROWN", "densityAddedFraction": 0.3,
                 "needleCount": 3, "needleDiameterMm": 0.25, "pigments": [{"lotId": "%s", "dilutionWaterParts": 20}]}]}""";
        return template.formatted(start, start.plus(Duration.ofHours(2)), lot);
    }

    private long head() {
        return eventStore.createHeadToken().position().orElse(0);
    }

    private JsonNode awaitCheckpointOf(long size) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    MvcResult result = mvc.perform(get("/api/audit/checkpoints/latest")
                                    .with(Staff.auditor(CLINIC).basic()))
                            .andReturn();
                    return result.getResponse().getStatus() == 200
                            && json.readTree(result.getResponse().getContentAsString())
                                            .path("size")
                                            .asLong()
                                    == size;
                });
        try {
            return auditor("/api/audit/checkpoints/" + size);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode auditor(String path) throws Exception {
        MvcResult result =
                mvc.perform(get(path).with(Staff.auditor(CLINIC).basic())).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(path + ": " + result.getResponse().getContentAsString())
                .isEqualTo(200);
        return json.readTree(result.getResponse().getContentAsString());
    }

    private static MockHttpServletRequestBuilder command(Staff.Member member, String path, String body) {
        return post(path).contentType(MediaType.APPLICATION_JSON).content(body).with(member.basic());
    }

    private JsonNode created(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(201);
        return json.readTree(result.getResponse().getContentAsString());
    }

    private MockHttpServletResponse auditorsPage(MockHttpServletRequestBuilder request) throws Exception {
        StaffMember member = new StaffMember(
                Staff.auditor(CLINIC).username(), CLINIC, java.util.Set.of(Role.AUDITOR), StaffMember.LOCAL);
        return mvc.perform(request.with(authentication(new StaffAuthentication(member))))
                .andReturn()
                .getResponse();
    }
}
