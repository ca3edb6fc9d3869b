package org.smpledger.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffAuthentication;
import org.smpledger.app.security.StaffMember;
import org.smpledger.app.testing.Staff;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The forms of the density model (treatment plan, session refused by the dose cap and overridden,
 * healing check with retained density, course completion) and the pages judging by the clinic's
 * adopted policy rather than the deployment's default.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class PlansDosesAndPoliciesOnThePagesTest {

    static final String CLINIC = "clinic-plans";
    static final String STRICT = "clinic-plans-strict";
    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("page-plans"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.data-dir", Files.createTempDirectory("smp-page-plans")::toString);
        Staff.register(registry, CLINIC, STRICT);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Test
    void aPlanADoseCapOverrideAHealingCheckWithFadingAndACompletedCourseThroughTheForms() throws Exception {
        String lot = lot(CLINIC);
        String client = readyClient(CLINIC, lot);
        String form = "/clients/" + client + "/record/";

        MockHttpServletResponse plan = page(
                CLINIC,
                post(form + "treatment-plan")
                        .param("plannedSessions", "3")
                        .param("targets[0].zone", "CROWN")
                        .param("targets[0].targetDensity", "0.8")
                        .param("targets[1].zone", "")
                        .param("targets[1].targetDensity", "")
                        .param("factors[0].kind", "SKIN_TYPE")
                        .param("factors[0].note", "Fitzpatrick III"));
        assertThat(plan.getStatus()).as(plan.getContentAsString()).isEqualTo(302);

        MockHttpServletRequestBuilder heavy = session(form, day(40), "0.6");
        MockHttpServletResponse refused = page(CLINIC, heavy);
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentAsString())
                .contains("Dose per session")
                .contains("<code>dose-per-session</code>")
                .contains("Crown, dose per session")
                .contains("would be 0.6, limit 0.5")
                .contains("name=\"override.reason\"")
                .doesNotContain("{zone=");
        MockHttpServletResponse overridden = page(
                CLINIC, session(form, day(40), "0.6").param("override.reason", "client travels far; one long session"));
        assertThat(overridden.getStatus()).as(overridden.getContentAsString()).isEqualTo(302);
        assertThat(page(CLINIC, session(form, day(30), "0.2")).getStatus()).isEqualTo(302);

        String record = page(CLINIC, get("/clients/" + client)).getContentAsString();
        assertThat(record)
                .contains("Plan: 3 sessions; target density Crown 0.8.")
                .contains("Crown: 0.8 of natural density (ceiling 1, plan target 0.8)");

        String sessionId = json.readTree(read(get("/api/clients/" + client + "/risk")))
                .at("/zones/0/sessions/1/sessionId")
                .asText();
        MockHttpServletResponse healing = page(
                CLINIC,
                post(form + "healing-check")
                        .param("sessionId", sessionId)
                        .param("assessedAt", local(day(20)))
                        .param("outcome", "AS_EXPECTED")
                        .param("observations[0].zone", "CROWN")
                        .param("observations[0].observation", "FADING")
                        .param("observations[0].retainedFraction", "0.75"));
        assertThat(healing.getStatus()).as(healing.getContentAsString()).isEqualTo(302);
        record = page(CLINIC, get("/clients/" + client)).getContentAsString();
        assertThat(record)
                .contains("Crown: 0.6 of natural density (ceiling 1, plan target 0.8, 0.2 lost to fading)")
                .contains("healing checks found fading: crown lost 0.2")
                .contains("retained 75%");

        MockHttpServletResponse completed =
                page(CLINIC, post(form + "course-completion").param("notes", "done"));
        assertThat(completed.getStatus()).as(completed.getContentAsString()).isEqualTo(302);
        assertThat(page(CLINIC, get("/clients?q=" + client)).getContentAsString())
                .contains("course 1, plan of 3 sessions, completed")
                .contains("2 of 3 planned in this course");
        MockHttpServletResponse again = page(CLINIC, post(form + "course-completion"));
        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(again.getContentAsString())
                .contains("Course already completed")
                .contains("cannot be overridden");
    }

    @Test
    void thePagesJudgeByTheClinicsAdoptedPolicyNotTheDeploymentDefault() throws Exception {
        MvcResult adopted = mvc.perform(post("/api/clinic-policy")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"our own rules\", \"rules\": "
                                + "{\"density\": {\"ceiling\": 0.9, \"usualTarget\": 0.9}}}")
                        .with(Staff.admin(STRICT).basic()))
                .andReturn();
        assertThat(adopted.getResponse().getStatus())
                .as(adopted.getResponse().getContentAsString())
                .isEqualTo(201);
        String lot = lot(STRICT);
        String client = readyClient(STRICT, lot);
        assertThat(shown(STRICT, client)).contains("against the ceiling of\n          <span>0.9</span>");
        assertThat(page(STRICT, get("/clients/" + client + "/record/treatment-plan"))
                        .getContentAsString())
                .contains("at most the ceiling of the clinic, 0.9");
        MockHttpServletResponse tooHigh = page(
                STRICT,
                post("/clients/" + client + "/record/treatment-plan")
                        .param("plannedSessions", "3")
                        .param("targets[0].zone", "CROWN")
                        .param("targets[0].targetDensity", "0.95"));
        assertThat(tooHigh.getStatus()).isEqualTo(422);
        assertThat(tooHigh.getContentAsString())
                .contains("Plan target above ceiling")
                .contains("Target density</dt><dd>0.95")
                .contains("policy v1 of " + STRICT);
        // the deployment default still serves a clinic that adopted nothing
        String other = readyClient(CLINIC, lot(CLINIC));
        assertThat(shown(CLINIC, other)).contains("against the ceiling of\n          <span>1</span>");
    }

    /** The client's record page once the read models have the client (it was registered through the API). */
    private String shown(String clinic, String client) throws Exception {
        MockHttpServletResponse[] page = {null};
        await().atMost(Duration.ofSeconds(30))
                .until(() -> (page[0] = page(clinic, get("/clients/" + client))).getStatus() == 200);
        return page[0].getContentAsString();
    }

    private MockHttpServletRequestBuilder session(String form, Instant at, String crown) {
        return post(form + "session")
                .param("startedAt", local(at))
                .param("endedAt", local(at.plus(Duration.ofHours(2))))
                .param("zoneWork[0].zone", "CROWN")
                .param("zoneWork[0].densityAddedFraction", crown)
                .param("zoneWork[0].needleCount", "3")
                .param("zoneWork[0].needleDiameterMm", "0.25")
                .param("zoneWork[0].pigments[0].lotId", lotOf(form))
                .param("zoneWork[0].pigments[0].dilutionWaterParts", "20");
    }

    private final java.util.Map<String, String> lots = new java.util.HashMap<>();

    private String lotOf(String form) {
        return lots.get(form.split("/")[2]);
    }

    private String readyClient(String clinic, String lot) throws Exception {
        String client = created(clinic, "/api/clients", """
                {"personalDetails": {"fullName": "Ari Planned", "dateOfBirth": "1985-04-02"}, "registeredAt": "%s"}""".formatted(day(60)))
                .path("clientId")
                .asText();
        String base = "/api/clients/" + client;
        created(clinic, base + "/screenings", "{\"screenedAt\": \"%s\", \"findings\": []}".formatted(day(60)));
        created(clinic, base + "/consents", """
                {"signedAt": "%s", "formVersion": "v3", "documentRef": "consents/1.pdf"}""".formatted(day(60)));
        created(clinic, base + "/patch-tests", """
                {"lotId": "%s", "site": "behind the ear", "appliedAt": "%s", "readAt": "%s", "result": "NEGATIVE"}
                """.formatted(lot, day(55), day(53)));
        lots.put(client, lot);
        return client;
    }

    private String lot(String clinic) throws Exception {
        return created(clinic, "/api/pigment-lots", """
                {"brand": "InkCo-%s", "shade": "dark brown", "batchNumber": "B-1", "expiresOn": "2099-12-31",
                 "reachLabelled": true, "receivedAt": "%s"}""".formatted(clinic, day(70)))
                .path("lotId")
                .asText();
    }

    private JsonNode created(String clinic, String path, String body) throws Exception {
        MvcResult result = mvc.perform(post(path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body)
                        .with(Staff.practitioner(clinic).basic()))
                .andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(201);
        return json.readTree(result.getResponse().getContentAsString());
    }

    private String read(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(Staff.practitioner(CLINIC).basic()))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private MockHttpServletResponse page(String clinic, MockHttpServletRequestBuilder request) throws Exception {
        StaffMember member = new StaffMember(
                Staff.of(Role.PRACTITIONER, clinic).username(), clinic, Set.of(Role.PRACTITIONER), StaffMember.LOCAL);
        return mvc.perform(request.with(csrf()).with(authentication(new StaffAuthentication(member))))
                .andReturn()
                .getResponse();
    }

    private static Instant day(long daysAgo) {
        return TODAY.minus(Duration.ofDays(daysAgo)).plus(Duration.ofHours(9));
    }

    private static String local(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString();
    }
}
