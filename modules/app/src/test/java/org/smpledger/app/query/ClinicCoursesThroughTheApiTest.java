package org.smpledger.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.smpledger.app.testing.Staff;
import org.smpledger.density.Contribution;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.projections.replay.ProjectionProcessors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Realistic courses recorded through the command API, read back through the query API: a
 * three-session course with a correction, five sessions with an override, a touch-up years later,
 * and a recalled lot. {@code asOf} is checked at instants taken between commands.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class ClinicCoursesThroughTheApiTest {

    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    private static final String CLINIC = "clinic-south";

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("courses"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.data-dir", Files.createTempDirectory("smp-courses")::toString);
        Staff.register(registry, CLINIC);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    ProjectionProcessors processors;

    @Test
    void threeSessionsThenACorrectionAreReadBackAsTheyStoodAtEachInstant() throws Exception {
        String lot = lot("ash-" + System.nanoTime(), TODAY.minus(Duration.ofDays(90)));
        String client = readyClient(lot, TODAY.minus(Duration.ofDays(80)));
        session(client, lot, TODAY.minus(Duration.ofDays(60)), 0.3, null);
        JsonNode second = session(client, lot, TODAY.minus(Duration.ofDays(45)), 0.4, null);
        Instant afterSecond = mark();
        session(client, lot, TODAY.minus(Duration.ofDays(30)), 0.3, null);
        Instant afterThird = mark();
        created(command("/api/clients/" + client + "/corrections", """
                {"correctedEventId": "%s", "reason": "crown was 0.3, not 0.4",
                 "changes": {"zoneWork[0].densityAddedFraction": "0.3"}}""".formatted(
                        second.path("eventId").asText())));
        caughtUp();

        JsonNode timeline = query("/api/clients/" + client + "/timeline");
        assertThat(timeline.at("/entries/total").asInt()).isEqualTo(8);
        assertThat(texts(timeline.at("/entries/items"), "type"))
                .containsExactly(
                        "ClientRegistered",
                        "ContraindicationScreened",
                        "ConsentSigned",
                        "PatchTestRecorded",
                        "SessionCompleted",
                        "SessionCompleted",
                        "SessionCompleted",
                        "RecordCorrected");
        JsonNode corrected = timeline.at("/entries/items/5");
        assertThat(corrected.path("what").asText()).isEqualTo("Session 2 of course 1: crown +0.4 (lots " + lot + ")");
        assertThat(corrected.at("/corrections/0/reason").isNull()
                        || corrected.at("/corrections/0/reason").isMissingNode())
                .as("a correction's reason is personal data: no read model holds it")
                .isTrue();
        assertThat(mvcJson(get("/api/clients/" + client + "/events")
                                .with(Staff.practitioner(CLINIC).basic()))
                        .toString())
                .as("opened for practitioners from the stored events")
                .contains("crown was 0.3, not 0.4");
        assertThat(corrected
                        .at("/correctedValues/zoneWork[0].densityAddedFraction")
                        .asText())
                .isEqualTo("0.3");
        assertThat(corrected.path("actorId").asText())
                .isEqualTo(Staff.practitioner(CLINIC).username());

        JsonNode riskNow = query("/api/clients/" + client + "/risk");
        assertThat(riskNow.at("/zones/0/density").asDouble()).isEqualTo(0.9);
        assertThat(riskNow.at("/level").asText()).isEqualTo("OK");
        assertThat(riskNow.at("/zones/0/explanation").asText())
                .startsWith(
                        "crown is at 0.9 of natural density after 3 sessions in course 1: within every limit and the plan");

        JsonNode riskAfterThird = query("/api/clients/" + client + "/risk?asOf=" + afterThird);
        assertThat(riskAfterThird.at("/zones/0/density").asDouble()).isEqualTo(1.0);
        JsonNode riskAfterSecond = query("/api/clients/" + client + "/risk?asOf=" + afterSecond);
        assertThat(riskAfterSecond.at("/zones/0/density").asDouble()).isEqualTo(0.7);
        assertThat(riskAfterSecond.at("/level").asText()).isEqualTo("OK");
        assertThat(riskAfterSecond.at("/zones/0/explanation").asText())
                .startsWith(
                        "crown is at 0.7 of natural density after 2 sessions in course 1: within every limit and the plan. "
                                + "No treatment plan for course 1: judged against the clinic's usual target of 1.");

        JsonNode timelineAfterThird = query("/api/clients/" + client + "/timeline?asOf=" + afterThird);
        assertThat(timelineAfterThird.at("/entries/total").asInt()).isEqualTo(7);
        assertThat(timelineAfterThird.at("/entries/items/5/corrections").size()).isZero();
    }

    @Test
    void aFifthSessionGoesAheadOnlyWithAnOverrideAndTheRiskExplainsIt() throws Exception {
        String lot = lot("umber-" + System.nanoTime(), TODAY.minus(Duration.ofDays(120)));
        String client = readyClient(lot, TODAY.minus(Duration.ofDays(110)));
        double[] doses = {0.3, 0.3, 0.2, 0.1};
        for (int i = 0; i < doses.length; i++) {
            session(client, lot, TODAY.minus(Duration.ofDays(100 - 14L * i)), doses[i], null);
        }
        Instant afterFourth = mark();
        MvcResult refused = mvc.perform(command(
                        "/api/clients/" + client + "/sessions",
                        sessionBody(lot, TODAY.minus(Duration.ofDays(30)), 0.2, null)))
                .andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        session(client, lot, TODAY.minus(Duration.ofDays(30)), 0.2, "scar tissue on the crown did not hold pigment");
        caughtUp();

        JsonNode risk = query("/api/clients/" + client + "/risk");
        assertThat(risk.at("/level").asText()).isEqualTo("HIGH");
        assertThat(risk.at("/zones/0/sessionsInCourse").asInt()).isEqualTo(5);
        assertThat(texts(risk.at("/zones/0/findings"), "limit"))
                .containsExactly("density-ceiling", "session-limit", "treatment-plan");
        assertThat(risk.at("/zones/0/explanation").asText())
                .contains("crown is at 1.1 of natural density, 0.1 over the ceiling of 1")
                .contains("adding 0.2, from 0.9 to 1.1")
                .contains("crown has had 5 sessions in course 1, 1 over the limit of 4")
                .contains("Overrides: session 5 (")
                .contains(Contribution.REASON_WITH_PERSONAL_DATA)
                .doesNotContain("scar tissue")
                .endsWith(
                        "Judged by the deployment's default policy (v0: " + CLINIC + " had adopted none of its own).");
        assertThat(risk.at("/zones/0/sessions/4/overrideReason").asText())
                .as("the reason is personal data: the read model knows there was one")
                .isEqualTo(Contribution.REASON_WITH_PERSONAL_DATA);

        JsonNode before = query("/api/clients/" + client + "/risk?asOf=" + afterFourth);
        assertThat(before.at("/level").asText()).isEqualTo("OK");
        assertThat(before.at("/zones/0/sessionsInCourse").asInt()).isEqualTo(4);

        JsonNode flags = query("/api/risk-flags");
        assertThat(texts(flags.at("/flags/items"), "clientId")).contains(client);
        assertThat(flags.at("/flags/items/0/level").asText()).isEqualTo("HIGH");
    }

    @Test
    void aTouchUpYearsLaterIsDueThenOpensANewCourseFromTheRetainedDensity() throws Exception {
        Instant years = TODAY.minus(Duration.ofDays(4 * 365));
        String lot = lot("slate-" + System.nanoTime(), years.minus(Duration.ofDays(30)));
        String client = readyClient(lot, years.minus(Duration.ofDays(20)));
        created(command("/api/clients/" + client + "/treatment-plans", """
                {"plannedAt": "%s", "plannedSessions": 3, "targets": [{"zone": "CROWN", "targetDensity": 1.0}]}
                """.formatted(years.minus(Duration.ofDays(1)))));
        session(client, lot, years, 0.3, null);
        session(client, lot, years.plus(Duration.ofDays(14)), 0.4, null);
        session(client, lot, years.plus(Duration.ofDays(28)), 0.3, null);
        caughtUp();

        JsonNode overview = query("/api/clinic-overview?size=500");
        JsonNode due = find(overview.at("/touchUpsDue/items"), client);
        assertThat(due.path("dueSince").asText())
                .startsWith(years.plus(Duration.ofDays(28))
                        .atZone(java.time.ZoneOffset.UTC)
                        .plusYears(3)
                        .toLocalDate()
                        .toString());

        created(command(
                "/api/clients/" + client + "/touch-up-requests", """
                {"requestedAt": "%s", "reason": "FADING", "zones": ["CROWN"], "retainedDensity": [{"zone": "CROWN",
                 "fraction": 0.5}]}""".formatted(TODAY.minus(Duration.ofDays(20)))));
        caughtUp();
        JsonNode awaiting = query("/api/clinic-overview?size=500");
        assertThat(find(awaiting.at("/awaitingNextSession/items"), client)
                        .path("intervalPassed")
                        .asBoolean())
                .isTrue();
        assertThat(find(awaiting.at("/touchUpsDue/items"), client)).isNull();

        session(client, lot, TODAY.minus(Duration.ofDays(10)), 0.3, null);
        caughtUp();
        JsonNode risk = query("/api/clients/" + client + "/risk");
        assertThat(risk.at("/zones/0/course").asInt()).isEqualTo(2);
        assertThat(risk.at("/zones/0/baseline").asDouble()).isEqualTo(0.5);
        assertThat(risk.at("/zones/0/density").asDouble()).isEqualTo(0.8);
        assertThat(risk.at("/zones/0/sessionsInCourse").asInt()).isEqualTo(1);
    }

    @Test
    void aRecalledLotListsEveryClientAndSessionThatReceivedIt() throws Exception {
        String lot = lot("recalled-" + System.nanoTime(), TODAY.minus(Duration.ofDays(200)));
        String first = readyClient(lot, TODAY.minus(Duration.ofDays(190)));
        String second = readyClient(lot, TODAY.minus(Duration.ofDays(190)));
        String firstSession = session(first, lot, TODAY.minus(Duration.ofDays(150)), 0.3, null)
                .path("sessionId")
                .asText();
        session(second, lot, TODAY.minus(Duration.ofDays(140)), 0.3, null);
        session(second, lot, TODAY.minus(Duration.ofDays(120)), 0.3, null);
        created(command(Staff.admin(CLINIC), "/api/pigment-lots/" + lot + "/recall", """
                {"reason": "bacterial contamination", "authorityReference": "FDA-2026-17"}"""));
        caughtUp();

        JsonNode recall = query("/api/pigment-lots/" + lot + "/clients");
        assertThat(recall.at("/recall/reason").asText()).isEqualTo("bacterial contamination");
        assertThat(recall.at("/clientsReceived").asInt()).isEqualTo(2);
        assertThat(texts(recall.at("/clients/items"), "clientId")).containsExactly(first, second);
        JsonNode firstUses = recall.at("/clients/items/0/uses");
        assertThat(texts(firstUses, "kind")).containsExactly("patch-test", "session");
        assertThat(firstUses.get(1).path("sessionId").asText()).isEqualTo(firstSession);
        assertThat(firstUses.get(1).path("zones").get(0).asText()).isEqualTo("CROWN");
        assertThat(recall.at("/clients/items/1/uses").size()).isEqualTo(3);

        JsonNode audit = query("/api/clients/" + first + "/events");
        assertThat(audit.at("/items/0/type").asText()).isEqualTo("ClientRegistered");
        assertThat(audit.at("/items/0/metadata/clinicId").asText()).isEqualTo(CLINIC);
        assertThat(audit.at("/items/4/payload/sessionId").asText()).isEqualTo(firstSession);
    }

    private String lot(String lotId, Instant receivedAt) throws Exception {
        return created(command("/api/pigment-lots", """
                {"lotId": "%s", "brand": "InkCo", "shade": "dark brown", "batchNumber": "B-%s", "expiresOn": "2099-12-31",
                 "reachLabelled": true, "receivedAt": "%s"}""".formatted(lotId, lotId, receivedAt)))
                .path("lotId")
                .asText();
    }

    /** Registered, screened clear, consented and patch tested with the lot, all around {@code from}. */
    private String readyClient(String lot, Instant from) throws Exception {
        String client = created(command("/api/clients", """
                {"personalDetails": {"fullName": "Sam Client", "dateOfBirth": "1985-04-02"}, "registeredAt": "%s"}""".formatted(from)))
                .path("clientId")
                .asText();
        String base = "/api/clients/" + client;
        created(command(
                base + "/screenings", "{\"screenedAt\": \"%s\", \"findings\": []}".formatted(from.plusSeconds(600))));
        created(command(
                base + "/consents",
                "{\"signedAt\": \"%s\", \"formVersion\": \"v3\", \"documentRef\": \"consents/1.pdf\"}"
                        .formatted(from.plusSeconds(1200))));
        created(command(base + "/patch-tests", """
                {"lotId": "%s", "site": "behind the ear", "appliedAt": "%s", "readAt": "%s", "result": "NEGATIVE"}""".formatted(
                        lot, from.plus(Duration.ofDays(1)), from.plus(Duration.ofDays(3)))));
        return client;
    }

    private JsonNode session(String client, String lot, Instant startedAt, double crown, String overrideReason)
            throws Exception {
        return created(
                command("/api/clients/" + client + "/sessions", sessionBody(lot, startedAt, crown, overrideReason)));
    }

    private static String sessionBody(String lot, Instant startedAt, double crown, String overrideReason) {
        String override = overrideReason == null
                ? ""
                : ", \"override\": {\"reason\": \"%s\", \"approvedBy\": \"lead-kim\"}".formatted(overrideReason);
        return """
                {"startedAt": "%s", "endedAt": "%s", "zoneWork": [{"zone": "CROWN", "densityAddedFraction": %s, "needleCount": 3,
                 "needleDiameterMm": 0.25, "depthMm": 0.6, "pigments": [{"lotId": "%s",
                  "dilutionWaterParts": 20}]}]%s}""".formatted(startedAt, startedAt.plus(Duration.ofHours(3)), crown, lot, override);
    }

    private MockHttpServletRequestBuilder command(String path, String body) {
        return command(Staff.practitioner(CLINIC), path, body);
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

    /** As the clinic's auditor, who may read all of this. */
    private JsonNode query(String path) throws Exception {
        return mvcJson(get(path).with(Staff.auditor(CLINIC).basic()));
    }

    private JsonNode mvcJson(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(200);
        return json.readTree(result.getResponse().getContentAsString());
    }

    /** An instant after everything recorded so far and before anything recorded next. */
    private static Instant mark() throws InterruptedException {
        Thread.sleep(5);
        Instant mark = Instant.now();
        Thread.sleep(5);
        return mark;
    }

    private void caughtUp() {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> processors.names().stream()
                        .allMatch(name -> processors.status(name).lag() == 0
                                && processors.status(name).position() != null));
    }

    private static java.util.List<String> texts(JsonNode array, String field) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }

    private static JsonNode find(JsonNode items, String clientId) {
        for (JsonNode item : items) {
            if (item.path("clientId").asText().equals(clientId)) {
                return item;
            }
        }
        return null;
    }
}
