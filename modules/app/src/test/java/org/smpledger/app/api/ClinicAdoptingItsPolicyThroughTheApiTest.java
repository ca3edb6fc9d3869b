package org.smpledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.smpledger.app.testing.Staff;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** A clinic reads the policy in force, adopts its own, and is told exactly what is wrong with rules that do not hold. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class ClinicAdoptingItsPolicyThroughTheApiTest {

    /** A clinic of its own per test (with a user per role), so no test sees another's adoptions. */
    private static final String[] CLINICS =
            IntStream.range(0, 10).mapToObj(i -> "policy-clinic-" + i).toArray(String[]::new);

    private static final AtomicInteger NEXT_CLINIC = new AtomicInteger();

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("clinicpolicy"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.data-dir", Files.createTempDirectory("smp-clinic-policy")::toString);
        Staff.register(registry, CLINICS);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    private static String clinic() {
        return CLINICS[NEXT_CLINIC.getAndIncrement()];
    }

    private static MockHttpServletRequestBuilder adopt(String clinic, String body) {
        return post("/api/clinic-policy")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .with(Staff.admin(clinic).basic());
    }

    private JsonNode read(String clinic, String path) throws Exception {
        MvcResult result =
                mvc.perform(get(path).with(Staff.practitioner(clinic).basic())).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(200);
        return json.readTree(result.getResponse().getContentAsString());
    }

    private JsonNode created(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(201);
        assertThat(result.getResponse().getHeader("Location")).contains("/api/clinic-policy/versions/");
        return json.readTree(result.getResponse().getContentAsString());
    }

    @Test
    void aClinicWithoutAPolicyOfItsOwnIsJudgedByTheDeploymentsConfiguration() throws Exception {
        JsonNode inForce = read(clinic(), "/api/clinic-policy");

        assertThat(inForce.path("version").asInt()).isZero();
        assertThat(inForce.path("source").asText()).isEqualTo("deployment");
        assertThat(inForce.at("/rules/sessions/minimumDaysBetween").asInt()).isEqualTo(7);
        assertThat(inForce.at("/rules/density/ceiling").asDouble()).isEqualTo(1.0);
        assertThat(inForce.at("/rules/density/maxAddedPerSession").asDouble()).isEqualTo(0.5);
        assertThat(inForce.at("/rules/density/minimumDotGapMm").asDouble()).isEqualTo(0.5);
        assertThat(inForce.at("/rules/reporting/jurisdiction").asText()).isEqualTo("US-TX");
        assertThat(inForce.at("/rules/reporting/workingDays").asInt()).isEqualTo(5);
        assertThat(inForce.at("/rules/reporting/kinds").toString()).isEqualTo("[\"ALLERGIC\",\"INFECTION\"]");
    }

    @Test
    void anAdoptionChangesOnlyWhatItNamesIsInForceFromItsDateAndIsKeptInTheHistory() throws Exception {
        String clinic = clinic();
        Instant nextWeek = Instant.now().plus(Duration.ofDays(7));
        JsonNode first = created(adopt(clinic, """
                {"reason": "a fortnight between sessions", "rules": {"sessions": {"minimumDaysBetween": 14}}}"""));
        JsonNode second = created(adopt(clinic, """
                {"effectiveFrom": "%s", "reason": "lighter sessions",
                 "rules": {"density": {"maxAddedPerSession": 0.4}}}""".formatted(nextWeek)));

        assertThat(first.path("version").asInt()).isEqualTo(1);
        assertThat(first.path("policyId").asText()).isEqualTo(clinic + "/v1");
        assertThat(second.path("version").asInt()).isEqualTo(2);

        JsonNode now = read(clinic, "/api/clinic-policy");
        assertThat(now.path("version").asInt()).isEqualTo(1);
        assertThat(now.path("adoptedBy").asText()).isEqualTo(Staff.admin(clinic).username());
        assertThat(now.at("/rules/sessions/minimumDaysBetween").asInt()).isEqualTo(14);
        assertThat(now.at("/rules/density/maxAddedPerSession").asDouble()).isEqualTo(0.5);

        JsonNode later = read(clinic, "/api/clinic-policy?at=" + nextWeek.plusSeconds(60));
        assertThat(later.path("version").asInt()).isEqualTo(2);
        assertThat(later.at("/rules/sessions/minimumDaysBetween").asInt()).isEqualTo(14);
        assertThat(later.at("/rules/density/maxAddedPerSession").asDouble()).isEqualTo(0.4);
        assertThat(later.path("label").asText())
                .startsWith("policy v2 of " + clinic + " (adopted by "
                        + Staff.admin(clinic).username() + " on ");

        JsonNode history = read(clinic, "/api/clinic-policy/history");
        assertThat(history.at("/deploymentDefault/sessions/minimumDaysBetween").asInt())
                .isEqualTo(7);
        assertThat(history.path("versions").size()).isEqualTo(2);
        assertThat(history.at("/versions/1/reason").asText()).isEqualTo("lighter sessions");
        assertThat(read(clinic, "/api/clinic-policy/versions/2")
                        .at("/rules/density/maxAddedPerSession")
                        .asDouble())
                .isEqualTo(0.4);

        String neighbour = clinic();
        assertThat(read(neighbour, "/api/clinic-policy").path("version").asInt())
                .isZero();
        assertThat(read(neighbour, "/api/clinic-policy/history")
                        .path("versions")
                        .size())
                .isZero();
        ApiResponses.problem(
                mvc,
                json,
                get("/api/clinic-policy/versions/1")
                        .with(Staff.auditor(neighbour).basic()),
                404);
    }

    @Test
    void onlyTheClinicAdminAdoptsAndAClinicHeaderNamesNoOtherClinic() throws Exception {
        String clinic = clinic();
        String other = clinic();
        for (Staff.Member member : List.of(Staff.practitioner(clinic), Staff.auditor(clinic), Staff.analyst(clinic))) {
            ApiResponses.problem(
                    mvc,
                    json,
                    post("/api/clinic-policy")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"reason\": \"not mine to set\", \"rules\": {}}")
                            .with(member.basic()),
                    403);
        }
        JsonNode adopted = created(adopt(clinic, """
                {"reason": "a fortnight", "rules": {"sessions": {"minimumDaysBetween": 14}}}""").header("X-Clinic-Id", other));
        assertThat(adopted.path("policyId").asText()).isEqualTo(clinic + "/v1");
        assertThat(read(other, "/api/clinic-policy").path("version").asInt()).isZero();
        assertThat(read(clinic, "/api/clinic-policy").path("version").asInt()).isEqualTo(1);
    }

    @Test
    void aNegativeIntervalOrACeilingBelowTheTargetIsA400NamingTheFieldAndNothingIsStored() throws Exception {
        String clinic = clinic();
        JsonNode negative = ApiResponses.problem(mvc, json, adopt(clinic, """
                        {"reason": "typo", "rules": {"sessions": {"minimumDaysBetween": -3}}}"""), 400);
        assertThat(negative.path("type").asText()).isEqualTo("urn:smp-ledger:problem:invalid-request");
        assertThat(fields(negative)).containsExactly("rules.sessions.minimumDaysBetween");

        JsonNode upsideDown = ApiResponses.problem(mvc, json, adopt(clinic, """
                        {"reason": "stricter", "rules": {"density": {"ceiling": 0.8}}}"""), 400);
        assertThat(fields(upsideDown)).containsExactly("rules.density.ceiling");
        assertThat(upsideDown.path("detail").asText())
                .isEqualTo("rules.density.ceiling must not be below the usual target (1.0)");

        JsonNode badZone = ApiResponses.problem(mvc, json, adopt(clinic, """
                        {"reason": "moved", "rules": {"timeZone": "Mars/Olympus"}}"""), 400);
        assertThat(fields(badZone)).containsExactly("rules.timeZone");

        JsonNode past = ApiResponses.problem(mvc, json, adopt(clinic, """
                        {"effectiveFrom": "2020-01-01T00:00:00Z", "reason": "backdated", "rules": {}}"""), 400);
        assertThat(fields(past)).containsExactly("effectiveFrom");

        JsonNode unknownJurisdiction = ApiResponses.problem(mvc, json, adopt(clinic, """
                        {"reason": "moved", "rules": {"reporting": {"jurisdiction": "DK"}}}"""), 400);
        assertThat(fields(unknownJurisdiction)).containsExactly("rules.reporting.jurisdiction");

        assertThat(read(clinic, "/api/clinic-policy/history").path("versions").size())
                .isZero();
        assertThat(read(clinic, "/api/clinic-policy").path("version").asInt()).isZero();
    }

    @Test
    void anotherJurisdictionWithItsOwnNumbersIsAdopted() throws Exception {
        String clinic = clinic();
        created(adopt(clinic, """
                {"reason": "we are in Denmark", "rules": {"timeZone": "Europe/Copenhagen",
                 "reporting": {"jurisdiction": "DK", "workingDays": 10, "kinds": ["ALLERGIC"]}}}"""));

        JsonNode inForce = read(clinic, "/api/clinic-policy");
        assertThat(inForce.at("/rules/reporting/jurisdiction").asText()).isEqualTo("DK");
        assertThat(inForce.at("/rules/reporting/workingDays").asInt()).isEqualTo(10);
        assertThat(inForce.at("/rules/timeZone").asText()).isEqualTo("Europe/Copenhagen");
    }

    @Test
    void anUnknownVersionIsA404() throws Exception {
        ApiResponses.problem(
                mvc,
                json,
                get("/api/clinic-policy/versions/3")
                        .with(Staff.practitioner(clinic()).basic()),
                404);
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}
