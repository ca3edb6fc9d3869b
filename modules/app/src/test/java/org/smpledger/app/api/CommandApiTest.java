package org.smpledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.smpledger.app.testing.Staff;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.events.EventMetadata;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The command API over HTTP (MockMvc), on the MongoDB event store: the whole course, every error class, retries, OpenAPI. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class CommandApiTest {

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("commandapi"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.data-dir", Files.createTempDirectory("smp-command-api")::toString);
        Staff.register(registry, "clinic-north", "clinic-south");
    }

    private static final Staff.Member PRACTITIONER = Staff.practitioner("clinic-north");
    private static final Staff.Member ADMIN = Staff.admin("clinic-north");

    private static final Instant DAY_ZERO =
            Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(60));

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    EventStore eventStore;

    private static String at(long days, long hours) {
        return DAY_ZERO.plus(Duration.ofDays(days))
                .plus(Duration.ofHours(hours))
                .toString();
    }

    private MockHttpServletRequestBuilder command(String path, String body) {
        return command(PRACTITIONER, path, body);
    }

    private static MockHttpServletRequestBuilder command(Staff.Member member, String path, String body) {
        return post(path).contentType(MediaType.APPLICATION_JSON).content(body).with(member.basic());
    }

    private JsonNode created(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(201);
        JsonNode body = json.readTree(result.getResponse().getContentAsString());
        assertThat(result.getResponse().getHeader("ETag"))
                .isEqualTo("\"" + body.path("streamVersion").asLong() + "\"");
        assertThat(result.getResponse().getHeader("Location")).isNotBlank();
        return body;
    }

    private JsonNode problem(MockHttpServletRequestBuilder request, int status) throws Exception {
        return ApiResponses.problem(mvc, json, request, status);
    }

    private String lot(String brand) throws Exception {
        return created(command("/api/pigment-lots", """
                {"brand": "%s", "shade": "dark brown", "batchNumber": "B-%s", "expiresOn": "2099-12-31", "reachLabelled": true,
                 "receivedAt": "%s"}""".formatted(brand, UUID.randomUUID(), at(0, 0))))
                .path("lotId")
                .asText();
    }

    private String client() throws Exception {
        return created(command("/api/clients", """
                {"personalDetails": {"fullName": "Sam Client", "dateOfBirth": "1985-04-02"}, "registeredAt": "%s"}""".formatted(at(1, 0))))
                .path("clientId")
                .asText();
    }

    /** Registered, screened clear, consented, negative patch test with the lot: ready for a session from day 10. */
    private String readyClient(String lotId) throws Exception {
        String clientId = client();
        created(command("/api/clients/" + clientId + "/screenings", """
                {"screenedAt": "%s", "findings": []}""".formatted(at(1, 1))));
        created(command("/api/clients/" + clientId + "/consents", """
                {"signedAt": "%s", "formVersion": "v3", "documentRef": "consents/1.pdf"}""".formatted(at(1, 2))));
        created(command("/api/clients/" + clientId + "/patch-tests", """
                {"lotId": "%s", "site": "behind the ear", "appliedAt": "%s", "readAt": "%s",
                 "result": "NEGATIVE"}""".formatted(lotId, at(2, 0), at(4, 0))));
        return clientId;
    }

    private static String session(String lotId, long day, double crown) {
        return """
                {"startedAt": "%s", "endedAt": "%s", "zoneWork": [{"zone": "CROWN", "densityAddedFraction": %s, "needleCount": 3,
                 "needleDiameterMm": 0.25, "depthMm": 0.6, "pigments": [{"lotId": "%s",
                  "dilutionWaterParts": 20}]}]}""".formatted(at(day, 9), at(day, 12), crown, lotId);
    }

    private List<? extends DomainEventMessage<?>> stored(String streamId) {
        return eventStore.readEvents(streamId).asStream().toList();
    }

    @Test
    void aWholeCourseIsRecordedEventByEventWithItsMetadata() throws Exception {
        String lotId = lot("InkCo");
        String clientId = client();
        String base = "/api/clients/" + clientId;
        created(command(base + "/consultations", """
                {"heldAt": "%s", "hairLoss": {"scale": "NORWOOD", "grade": "V"}, "alopeciaType": "ANDROGENETIC",
                 "skin": {"fitzpatrickType": "III", "undertone": "NEUTRAL"}, "scars": [], "goals": "shaved look"}""".formatted(at(1, 1))));
        created(command(base + "/screenings", """
                {"screenedAt": "%s", "findings": [{"contraindication": "ACTIVE_ACNE", "severity": "RELATIVE"}]}""".formatted(at(1, 2))));
        created(command(base + "/consents", """
                {"signedAt": "%s", "formVersion": "v3", "documentRef": "consents/1.pdf"}""".formatted(at(1, 3))));
        created(command(base + "/hairline-designs", """
                {"designedAt": "%s", "style": "soft natural", "plannedZones": ["HAIRLINE", "CROWN"]}""".formatted(at(1, 4))));
        created(command(base + "/patch-tests", """
                {"lotId": "%s", "site": "behind the ear", "appliedAt": "%s", "readAt": "%s",
                 "result": "NEGATIVE"}""".formatted(lotId, at(2, 0), at(4, 0))));
        // headers claiming another clinic, actor and role change nothing: the principal decides
        JsonNode session = created(command(base + "/sessions", session(lotId, 10, 0.4))
                .header("X-Correlation-Id", "corr-42")
                .header("X-Clinic-Id", "clinic-south")
                .header("X-Actor-Id", "pr-mallory")
                .header("X-Actor-Role", "clinic-admin"));
        assertThat(session.path("streamVersion").asLong()).isEqualTo(6);
        String sessionId = session.path("sessionId").asText();
        created(command(base + "/aftercare", """
                {"sessionId": "%s", "issuedAt": "%s", "writtenCopyGiven": true}""".formatted(sessionId, at(10, 13))));
        created(command(base + "/healing-assessments", """
                {"sessionId": "%s", "assessedAt": "%s", "outcome": "AS_EXPECTED", "observations": [{"zone": "CROWN",
                 "observation": "HEALED_WELL"}]}""".formatted(sessionId, at(17, 0))));
        created(command(base + "/sessions", session(lotId, 20, 0.4)));
        created(command(base + "/adverse-reactions", """
                {"observedAt": "%s", "kind": "EXCESSIVE_SWELLING", "severity": "MILD", "lotIds": ["%s"],
                 "description": "swelling, gone in 2 days"}""".formatted(at(21, 0), lotId)));
        created(command(
                base + "/corrections", """
                {"correctedEventId": "%s", "reason": "crown was 0.3",
                 "changes": {"zoneWork[0].densityAddedFraction": "0.3"}}""".formatted(session.path("eventId").asText())));
        created(command(base + "/touch-up-requests", """
                {"requestedAt": "%s", "reason": "FADING", "zones": ["CROWN"], "retainedDensity": [{"zone": "CROWN",
                 "fraction": 0.5}]}""".formatted(at(50, 0))));
        JsonNode last = created(command(base + "/corrections", """
                {"correctedEventId": "%s", "reason": "new phone", "personalDetails": {"fullName": "Sam Client",
                 "dateOfBirth": "1985-04-02", "phone": "+44 1"}}""".formatted(clientId)));
        assertThat(last.path("eventType").asText()).isEqualTo("ClientDetailsCorrected");

        List<? extends DomainEventMessage<?>> events = stored(clientId);
        assertThat(events)
                .extracting(e -> e.getPayloadType().getSimpleName())
                .containsExactly(
                        "ClientRegistered",
                        "ConsultationHeld",
                        "ContraindicationScreened",
                        "ConsentSigned",
                        "HairlineDesigned",
                        "PatchTestRecorded",
                        "SessionCompleted",
                        "AftercareIssued",
                        "HealingAssessed",
                        "SessionCompleted",
                        "AdverseReactionReported",
                        "RecordCorrected",
                        "TouchUpRequested",
                        "ClientDetailsCorrected");
        DomainEventMessage<?> sessionEvent = events.get(6);
        assertThat(sessionEvent.getIdentifier())
                .isEqualTo(session.path("eventId").asText());
        assertThat(sessionEvent.getMetaData())
                .containsEntry(EventMetadata.CLINIC_ID, "clinic-north")
                .containsEntry(EventMetadata.ACTOR_ID, PRACTITIONER.username())
                .containsEntry(EventMetadata.ACTOR_ROLE, "practitioner")
                .containsEntry(EventMetadata.AUTHENTICATED_BY, "local")
                .containsEntry(EventMetadata.CORRELATION_ID, "corr-42")
                .containsKeys(EventMetadata.CAUSATION_ID, EventMetadata.RECORDED_AT);
        assertThat(sessionEvent.getMetaData().get(EventMetadata.CAUSATION_ID))
                .isNotEqualTo(sessionEvent.getIdentifier());

        JsonNode details =
                json.readTree(mvc.perform(get(base + "/personal-details").with(PRACTITIONER.basic()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(details.path("fullName").asText()).isEqualTo("Sam Client");
        assertThat(details.path("phone").asText()).isEqualTo("+44 1");
        assertThat(details.path("corrections").asInt()).isEqualTo(1);

        // raw events: the practitioner gets the personal details opened, the analyst the same events without them
        JsonNode audited = json.readTree(mvc.perform(get(base + "/events").with(PRACTITIONER.basic()))
                .andReturn()
                .getResponse()
                .getContentAsString());
        JsonNode analysed = json.readTree(mvc.perform(
                        get(base + "/events").with(Staff.analyst("clinic-north").basic()))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(audited.at("/items/0/payload/personalDetails/fullName").asText())
                .isEqualTo("Sam Client");
        assertThat(audited.at("/items/13/payload/personalDetails/phone").asText())
                .isEqualTo("+44 1");
        assertThat(analysed.at("/items/0/payload/personalDetails").isNull()).isTrue();
        assertThat(analysed.at("/items/13/payload/personalDetails").isNull()).isTrue();
        assertThat(analysed.at("/items/0/payload/clientId").asText()).isEqualTo(clientId);
        assertThat(analysed.path("total")).isEqualTo(audited.path("total"));
        assertThat(analysed.toString())
                .doesNotContain("Sam Client")
                .doesNotContain("1985-04-02")
                .doesNotContain("+44 1");
    }

    @Test
    void aSessionTheRulesRefuseAnswers422WithTheRuleAndItsNumbers() throws Exception {
        String lotId = lot("InkCo");
        String clientId = readyClient(lotId);
        created(command("/api/clients/" + clientId + "/sessions", session(lotId, 10, 0.3)));

        JsonNode interval = problem(command("/api/clients/" + clientId + "/sessions", session(lotId, 14, 0.3)), 422);
        assertThat(interval.path("type").asText()).isEqualTo("urn:smp-ledger:problem:session-interval");
        assertThat(interval.path("rule").asText()).isEqualTo("session-interval");
        assertThat(interval.at("/numbers/daysSinceLastSession").asInt()).isEqualTo(4);
        assertThat(interval.at("/numbers/minimumDays").asInt()).isEqualTo(7);

        JsonNode ceiling = problem(command("/api/clients/" + clientId + "/sessions", session(lotId, 20, 0.8)), 422);
        assertThat(ceiling.path("rule").asText()).isEqualTo("density-ceiling");
        assertThat(ceiling.at("/numbers/wouldBe").asDouble()).isEqualTo(1.1);
        assertThat(ceiling.path("detail").asText()).contains("crown would go from 0.3 to 1.1");

        String otherBrand = lot("OtherInk");
        JsonNode brand = problem(command("/api/clients/" + clientId + "/sessions", session(otherBrand, 20, 0.3)), 422);
        assertThat(brand.path("rule").asText()).isEqualTo("patch-test-required");
        assertThat(brand.at("/numbers/brand").asText()).isEqualTo("OtherInk");

        created(command(ADMIN, "/api/pigment-lots/" + lotId + "/recall", """
                {"reason": "contamination", "recalledAt": "%s"}""".formatted(at(15, 0))));
        JsonNode recalled = problem(command("/api/clients/" + clientId + "/sessions", session(lotId, 20, 0.3)), 422);
        assertThat(recalled.path("rule").asText()).isEqualTo("lot-recalled");
        assertThat(stored(clientId)).hasSize(5);
    }

    @Test
    void inputThatCannotBeReadAnswers400NamingTheFields() throws Exception {
        String clientId = client();
        String sessions = "/api/clients/" + clientId + "/sessions";
        assertThat(problem(command(sessions, "{\"startedAt\": "), 400)
                        .path("type")
                        .asText())
                .isEqualTo("urn:smp-ledger:problem:malformed-json");

        JsonNode wrongType = problem(
                command(
                        sessions,
                        session("lot-x", 10, 0.3).replace("\"needleCount\": 3", "\"needleCount\": \"three\"")),
                400);
        assertThat(wrongType.at("/errors/0/field").asText()).isEqualTo("zoneWork[0].needleCount");

        JsonNode badEnum = problem(command(sessions, session("lot-x", 10, 0.3).replace("CROWN", "FOREHEAD")), 400);
        assertThat(badEnum.at("/errors/0/field").asText()).isEqualTo("zoneWork[0].zone");
        assertThat(badEnum.at("/errors/0/message").asText()).contains("CROWN");

        JsonNode missing = problem(command(sessions, """
                {"zoneWork": [{"zone": "CROWN", "needleCount": 0, "needleDiameterMm": 0.25, "pigments": []}]}"""), 400);
        assertThat(missing.path("errors").findValuesAsText("field"))
                .contains(
                        "startedAt",
                        "endedAt",
                        "zoneWork[0].needleCount",
                        "zoneWork[0].pigments",
                        "zoneWork[0].densityGiven");

        JsonNode anonymous = problem(
                post(sessions)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(session("lot-x", 10, 0.3))
                        .header("X-Clinic-Id", "clinic-north")
                        .header("X-Actor-Id", "pr-anna"),
                401);
        assertThat(anonymous.path("type").asText()).isEqualTo("urn:smp-ledger:problem:unauthenticated");

        assertThat(problem(command(sessions, session("lot-x", 10, 0.3)).header("If-Match", "yesterday"), 400)
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("If-Match");
        assertThat(stored(clientId)).hasSize(1);
    }

    @Test
    void unknownRecordsAnswer404AndAnotherClinicsClientOrLotAnswersExactlyTheSame() throws Exception {
        String consent = "{\"formVersion\": \"v3\", \"documentRef\": \"c.pdf\"}";
        String nobody = UUID.randomUUID().toString();
        JsonNode unknown = problem(command("/api/clients/" + nobody + "/consents", consent), 404);
        String clientId = client();
        Staff.Member south = Staff.practitioner("clinic-south");
        JsonNode otherClinic = problem(command(south, "/api/clients/" + clientId + "/consents", consent), 404);
        assertThat(otherClinic.path("type")).isEqualTo(unknown.path("type"));
        assertThat(otherClinic.path("title")).isEqualTo(unknown.path("title"));
        assertThat(otherClinic.path("detail").asText().replace(clientId, "ID"))
                .isEqualTo(unknown.path("detail").asText().replace(nobody, "ID"));
        assertThat(fieldNames(otherClinic)).isEqualTo(fieldNames(unknown));
        assertThat(stored(clientId)).hasSize(1);

        String lotId = lot("InkCo");
        String recall = "{\"reason\": \"x\"}";
        JsonNode unknownLot = problem(command(ADMIN, "/api/pigment-lots/no-such-lot/recall", recall), 404);
        JsonNode otherLot =
                problem(command(Staff.admin("clinic-south"), "/api/pigment-lots/" + lotId + "/recall", recall), 404);
        assertThat(otherLot.path("detail").asText().replace(lotId, "ID"))
                .isEqualTo(unknownLot.path("detail").asText().replace("no-such-lot", "ID"));
        assertThat(fieldNames(otherLot)).isEqualTo(fieldNames(unknownLot));
        assertThat(stored(lotId)).hasSize(1);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aCommandSentWithAnOutdatedVersionAnswers409() throws Exception {
        String clientId = client();
        String consents = "/api/clients/" + clientId + "/consents";
        String body = "{\"formVersion\": \"v3\", \"documentRef\": \"c.pdf\"}";
        JsonNode first = created(command(consents, body).header("If-Match", "\"0\""));
        assertThat(first.path("streamVersion").asLong()).isEqualTo(1);
        JsonNode stale = problem(command(consents, body).header("If-Match", "\"0\""), 409);
        assertThat(stale.path("rule").asText()).isEqualTo("stream-version");
        assertThat(stale.at("/numbers/currentVersion").asLong()).isEqualTo(1);
        assertThat(stored(clientId)).hasSize(2);
    }

    @Test
    void retriesWithTheSameIdempotencyKeyStoreNothingTwiceAndAnswerAsTheFirstTime() throws Exception {
        String registration = "{\"personalDetails\": {\"fullName\": \"Kim Retry\", \"dateOfBirth\": \"1990-01-01\"}}";
        String key = UUID.randomUUID().toString();
        JsonNode first = created(command("/api/clients", registration).header("Idempotency-Key", key));
        JsonNode again = created(command("/api/clients", registration).header("Idempotency-Key", key));
        assertThat(again).isEqualTo(first);
        String clientId = first.path("clientId").asText();
        assertThat(stored(clientId)).hasSize(1);

        String consents = "/api/clients/" + clientId + "/consents";
        String consent = "{\"formVersion\": \"v3\", \"documentRef\": \"c.pdf\"}";
        JsonNode signed = created(command(consents, consent).header("Idempotency-Key", "consent-" + key));
        assertThat(created(command(consents, consent).header("Idempotency-Key", "consent-" + key)))
                .isEqualTo(signed);
        JsonNode reused = problem(
                command(consents, consent.replace("c.pdf", "other.pdf")).header("Idempotency-Key", "consent-" + key),
                422);
        assertThat(reused.path("rule").asText()).isEqualTo("idempotency-key-reused");
        assertThat(stored(clientId)).hasSize(2);

        String lotKey = UUID.randomUUID().toString();
        String lot =
                "{\"brand\": \"InkCo\", \"shade\": \"black\", \"batchNumber\": \"C-1\", \"expiresOn\": \"2099-01-01\"}";
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<JsonNode> retry =
                        () -> created(command("/api/pigment-lots", lot).header("Idempotency-Key", lotKey));
                answers.add(threads.submit(retry));
            }
            List<String> lotIds = new ArrayList<>();
            for (Future<JsonNode> answer : answers) {
                lotIds.add(answer.get().path("lotId").asText());
            }
            assertThat(lotIds).containsOnly(lotIds.get(0));
            assertThat(stored(lotIds.get(0))).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theOpenApiDocumentListsEveryCommandWithExamples() throws Exception {
        JsonNode api = json.readTree(
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
        JsonNode paths = api.path("paths");
        List<String> commands =
                new ArrayList<>(List.of("/api/clients", "/api/pigment-lots", "/api/pigment-lots/{lotId}/recall"));
        for (String command : List.of(
                "consultations",
                "screenings",
                "consents",
                "patch-tests",
                "hairline-designs",
                "sessions",
                "aftercare",
                "healing-assessments",
                "adverse-reactions",
                "touch-up-requests",
                "corrections")) {
            commands.add("/api/clients/{clientId}/" + command);
        }
        for (String path : commands) {
            assertThat(paths.has(path)).as(path).isTrue();
            JsonNode post = paths.path(path).path("post");
            String ref = post.at("/requestBody/content/application~1json/schema/$ref")
                    .asText();
            assertThat(ref).as(path).startsWith("#/components/schemas/");
            JsonNode schema = api.at(ref.substring(1));
            JsonNode example = schema.path("example");
            assertThat(example.isObject() && !example.isEmpty())
                    .as(path + ": an example body")
                    .isTrue();
            example.fieldNames()
                    .forEachRemaining(
                            field -> assertThat(schema.path("properties").has(field))
                                    .as(path + ": example field " + field)
                                    .isTrue());
            schema.path("required")
                    .forEach(required -> assertThat(example.has(required.asText()))
                            .as(path + ": example gives required " + required.asText())
                            .isTrue());
            assertThat(post.path("parameters").findValuesAsText("name"))
                    .as(path)
                    .contains("Idempotency-Key", "If-Match", "X-Correlation-Id")
                    .doesNotContain("X-Clinic-Id", "X-Actor-Id", "X-Actor-Role");
            assertThat(post.path("x-roles")).as(path + ": x-roles").isNotEmpty();
            assertThat(post.path("security")).as(path + ": security").isNotEmpty();
        }
        assertThat(commands).hasSize(14);
        assertThat(api.at("/components/schemas/Session/example/zoneWork/0/zone").asText())
                .isEqualTo("CROWN");
        assertThat(paths.path("/api/clients/{clientId}/sessions")
                        .at("/post/parameters")
                        .findValuesAsText("name"))
                .contains("clientId", "Idempotency-Key", "If-Match");
        assertThat(paths.path("/api/clients/{clientId}/sessions")
                        .at("/post/x-roles/0")
                        .asText())
                .isEqualTo("practitioner");
        assertThat(paths.path("/api/clients/{clientId}/sessions")
                        .at("/post/description")
                        .asText())
                .endsWith("Roles: practitioner.");
    }
}
