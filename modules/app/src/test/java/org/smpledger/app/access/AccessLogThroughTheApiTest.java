package org.smpledger.app.access;

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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smpledger.app.testing.Staff;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.projections.replay.ProjectionProcessors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every read of a client's record and every refused access is in the access log, with who, role,
 * clinic, what, when, outcome, correlation id and source address; auditors list it per client and
 * per clinic; another clinic's attempt shows in the log of the record's clinic; reading the log is logged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@DirtiesContext
class AccessLogThroughTheApiTest {

    private static final String NORTH = "clinic-north";
    private static final String SOUTH = "clinic-south";

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("accesslogapi"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.publisher.enabled", () -> "false");
        registry.add("smp.data-dir", Files.createTempDirectory("smp-access-log")::toString);
        registry.add("smp.access-log.max-delay", () -> "5ms");
        Staff.register(registry, NORTH, SOUTH);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    ProjectionProcessors processors;

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    private JsonNode ok(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = perform(request);
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isBetween(200, 299);
        return json.readTree(result.getResponse().getContentAsString());
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return perform(request).getResponse().getStatus();
    }

    private String registeredClient(String lotId) throws Exception {
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(10));
        String client = ok(post("/api/clients")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"personalDetails": {"fullName": "Ada Logged", "dateOfBirth": "1980-01-02"}}""")
                        .with(Staff.practitioner(NORTH).basic()))
                .path("clientId")
                .asText();
        ok(post("/api/clients/" + client + "/patch-tests")
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"lotId": "%s", "site": "behind the ear", "appliedAt": "%s", "readAt": "%s",
                         "result": "NEGATIVE"}""".formatted(lotId, day, day.plus(Duration.ofDays(2))))
                .with(Staff.practitioner(NORTH).basic()));
        return client;
    }

    private String lot() throws Exception {
        return ok(post("/api/pigment-lots")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"brand": "InkCo", "shade": "ash", "batchNumber": "B-7", "expiresOn": "2099-01-01",
                                 "receivedAt": "2020-01-01T00:00:00Z"}""")
                        .with(Staff.admin(NORTH).basic()))
                .path("lotId")
                .asText();
    }

    private void caughtUp() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> processors.names().stream()
                        .allMatch(name -> processors.status(name).lag() == 0
                                && processors.status(name).position() != null));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? "" : node.asText();
    }

    private List<JsonNode> items(JsonNode page) {
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    @Test
    void readsAndRefusalsOfAClientsRecordAreListedForItsClinicsAuditorsWithWhoWhatWhenAndFromWhere() throws Exception {
        String lotId = lot();
        String client = registeredClient(lotId);
        caughtUp();
        String timeline = "/api/clients/" + client + "/timeline";

        ok(get(timeline)
                .header("X-Correlation-Id", "corr-read-1")
                .with(Staff.practitioner(NORTH).basic()));
        ok(get("/api/clients/" + client + "/events").with(Staff.analyst(NORTH).basic()));
        assertThat(status(get(timeline).with(Staff.practitioner(SOUTH).basic())))
                .isEqualTo(404);
        assertThat(status(get("/api/clients/" + client + "/personal-details")
                        .with(Staff.analyst(NORTH).basic())))
                .isEqualTo(403);
        assertThat(status(get(timeline)
                        .with(SecurityMockMvcRequestPostProcessors.httpBasic(
                                Staff.practitioner(NORTH).username(), "wrong password"))))
                .isEqualTo(401);
        ok(get("/api/pigment-lots/" + lotId + "/clients")
                .with(Staff.admin(NORTH).basic()));

        String log = "/api/clients/" + client + "/access-log";
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ok(get(log).with(Staff.auditor(NORTH).basic()))
                                .path("total")
                                .asInt()
                        >= 5);
        List<JsonNode> entries = items(ok(get(log).with(Staff.auditor(NORTH).basic())));

        JsonNode read = entries.stream()
                .filter(e -> "corr-read-1".equals(e.path("correlationId").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(read.path("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(read.path("action").asText()).isEqualTo("R");
        assertThat(read.path("operation").asText()).isEqualTo("GET /api/clients/{clientId}/timeline");
        assertThat(read.at("/agent/userId").asText())
                .isEqualTo(Staff.practitioner(NORTH).username());
        assertThat(read.at("/agent/role").asText()).isEqualTo("practitioner");
        assertThat(read.at("/agent/clinicId").asText()).isEqualTo(NORTH);
        assertThat(read.at("/agent/authenticatedBy").asText()).isEqualTo("local");
        assertThat(read.at("/entity/id").asText()).isEqualTo(client);
        assertThat(read.at("/entity/detail").asText()).isEqualTo("timeline");
        assertThat(read.path("sourceAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(Instant.parse(read.path("recorded").asText()))
                .isBefore(Instant.now().plusSeconds(1));

        assertThat(entries)
                .extracting(
                        e -> e.path("outcome").asText(),
                        e -> text(e.at("/agent/userId")),
                        e -> e.at("/entity/detail").asText())
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                "SUCCESS", Staff.analyst(NORTH).username(), "events"),
                        org.assertj.core.groups.Tuple.tuple("OTHER_CLINIC", "", "timeline"),
                        org.assertj.core.groups.Tuple.tuple(
                                "FORBIDDEN", Staff.analyst(NORTH).username(), "personal-details"),
                        org.assertj.core.groups.Tuple.tuple(
                                "SUCCESS", Staff.admin(NORTH).username(), "lot-recall"));
        JsonNode probe = entries.stream()
                .filter(e -> "OTHER_CLINIC".equals(e.path("outcome").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(probe.path("status").asInt()).isEqualTo(404);
        assertThat(text(probe.at("/agent/clinicId")))
                .as("this clinic learns that an outsider tried, not who in which clinic")
                .isEmpty();
        assertThat(probe.at("/entity/clinicId").asText()).isEqualTo(NORTH);
        assertThat(probe.toString()).doesNotContain(SOUTH);

        // reading the access log is logged too
        await().atMost(Duration.ofSeconds(10))
                .until(() -> items(ok(get(log).with(Staff.auditor(NORTH).basic()))).stream()
                        .anyMatch(
                                e -> "access-log".equals(e.at("/entity/detail").asText())
                                        && Staff.auditor(NORTH)
                                                .username()
                                                .equals(e.at("/agent/userId").asText())));

        // another clinic's auditor cannot read this client's log: it is an unknown client to them
        assertThat(status(get(log).with(Staff.auditor(SOUTH).basic()))).isEqualTo(404);
        // only auditors read the log
        assertThat(status(get(log).with(Staff.practitioner(NORTH).basic()))).isEqualTo(403);
    }

    @Test
    void aClinicsLogOverARangeListsItsStaffsAccessesRefusedSignInsAndOthersAttemptsOnItsRecordsOnly() throws Exception {
        String lotId = lot();
        String client = registeredClient(lotId);
        caughtUp();
        Instant from = Instant.now();
        assertThat(status(get("/api/risk-flags")
                        .with(SecurityMockMvcRequestPostProcessors.httpBasic(
                                Staff.auditor(NORTH).username(), "not the password"))))
                .isEqualTo(401);
        assertThat(status(get("/api/clients/" + client + "/risk")
                        .with(Staff.practitioner(SOUTH).basic())))
                .isEqualTo(404);
        ok(get("/api/clients/" + client + "/risk")
                .with(Staff.practitioner(NORTH).basic()));

        String range = "/api/access-log?from=" + from.minusSeconds(1) + "&to="
                + Instant.now().plusSeconds(3600);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> items(ok(get(range).with(Staff.auditor(NORTH).basic()))).stream()
                                .filter(e -> Instant.parse(e.path("recorded").asText())
                                        .isAfter(from.minusMillis(1)))
                                .count()
                        >= 3);
        List<JsonNode> north = items(ok(get(range).with(Staff.auditor(NORTH).basic())));
        assertThat(north)
                .extracting(
                        e -> e.path("outcome").asText() + " " + e.path("reason").asText(""))
                .contains("UNAUTHENTICATED bad-credentials", "OTHER_CLINIC other-clinic", "SUCCESS ");

        List<JsonNode> south = items(ok(get(range).with(Staff.auditor(SOUTH).basic())));
        assertThat(south)
                .as(
                        "the other clinic sees its own staff's attempt as one on an unknown record, and none of this clinic's reads")
                .extracting(
                        e -> e.path("outcome").asText() + " " + e.path("reason").asText(""))
                .contains("NOT_FOUND not-found")
                .noneMatch(outcome -> outcome.startsWith("SUCCESS") || outcome.startsWith("OTHER_CLINIC"));
        assertThat(south.toString()).doesNotContain(NORTH);

        assertThat(status(get("/api/access-log?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z")
                        .with(Staff.auditor(NORTH).basic())))
                .as("more than the longest range")
                .isEqualTo(400);
        assertThat(status(get("/api/access-log?from=yesterday")
                        .with(Staff.auditor(NORTH).basic())))
                .isEqualTo(400);
    }
}
