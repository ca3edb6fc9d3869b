package org.smpledger.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.smpledger.app.testing.Staff;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Commands, queries and Spring MVC's own refusals answer the same mistake with the same problem.
 * The context is closed after the class, while the test MongoDB still runs, so that it does not
 * add to the contexts the JVM closes at exit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@DirtiesContext
class OneErrorFormatTest {

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("errorformat"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.publisher.enabled", () -> "false");
        registry.add("smp.data-dir", Files.createTempDirectory("smp-error-format")::toString);
        Staff.register(registry, "clinic-north");
    }

    private static final Staff.Member PRACTITIONER = Staff.practitioner("clinic-north");

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    private JsonNode problem(MockHttpServletRequestBuilder request, int status) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(status);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        String body = result.getResponse().getContentAsString();
        assertThat(body).doesNotContain("Exception").doesNotContain("at org.");
        JsonNode problem = json.readTree(body);
        assertThat(problem.path("type").asText()).startsWith(ProblemType.PREFIX);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        return problem;
    }

    private static MockHttpServletRequestBuilder consent(String clientId) {
        return post("/api/clients/" + clientId + "/consents")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"formVersion\": \"v3\", \"documentRef\": \"c.pdf\"}");
    }

    @Test
    void missingCredentialsAreTheSameProblemForACommandAndAQuery() throws Exception {
        JsonNode command = problem(consent("client-1"), 401);
        JsonNode query = problem(get("/api/risk-flags"), 401);
        for (JsonNode problem : new JsonNode[] {command, query}) {
            assertThat(problem.path("type").asText()).isEqualTo("urn:smp-ledger:problem:unauthenticated");
            assertThat(problem.path("title").asText()).isEqualTo(ProblemType.UNAUTHENTICATED.title());
            assertThat(problem.path("detail").asText())
                    .isEqualTo(query.path("detail").asText());
        }
        assertThat(command.path("instance").asText()).isEqualTo("/api/clients/client-1/consents");
        assertThat(query.path("instance").asText()).isEqualTo("/api/risk-flags");
    }

    @Test
    void aRoleTheEndpointDoesNotAdmitIsTheSameProblemForACommandAndAQuery() throws Exception {
        Staff.Member analyst = Staff.analyst("clinic-north");
        JsonNode command = problem(consent("client-1").with(analyst.basic()), 403);
        JsonNode query = problem(get("/api/clients/client-1/access-log").with(analyst.basic()), 403);
        for (JsonNode problem : new JsonNode[] {command, query}) {
            assertThat(problem.path("type").asText()).isEqualTo("urn:smp-ledger:problem:forbidden");
            assertThat(problem.path("title").asText()).isEqualTo(ProblemType.FORBIDDEN.title());
        }
        assertThat(command.path("detail").asText()).contains("practitioner");
        assertThat(query.path("detail").asText()).contains("auditor");
    }

    @Test
    void aNumberThatIsNotOneIsDescribedAlikeInAQueryParameterAndABody() throws Exception {
        JsonNode query = problem(get("/api/clients/client-1/timeline?page=x").with(PRACTITIONER.basic()), 400);
        assertThat(query.at("/errors/0/field").asText()).isEqualTo("page");
        assertThat(query.at("/errors/0/message").asText()).isEqualTo("must be a number");

        JsonNode body = problem(
                post("/api/clients/client-1/sessions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"zoneWork": [{"zone": "CROWN", "densityAddedFraction": 0.3, "needleCount": "three"}]}""")
                        .with(PRACTITIONER.basic()),
                400);
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("zoneWork[0].needleCount");
        assertThat(body.at("/errors/0/message").asText()).isEqualTo("must be a number");
        assertThat(body.path("type")).isEqualTo(query.path("type"));
    }

    @Test
    void unknownRecordsAnswer404WithTheSameTitleForCommandsAndQueries() throws Exception {
        JsonNode command = problem(consent("client-nobody").with(PRACTITIONER.basic()), 404);
        JsonNode query = problem(get("/api/clients/client-nobody/timeline").with(PRACTITIONER.basic()), 404);
        JsonNode lot = problem(get("/api/pigment-lots/lot-nobody/clients").with(PRACTITIONER.basic()), 404);
        assertThat(query.path("type").asText()).isEqualTo("urn:smp-ledger:problem:not-found");
        assertThat(lot.path("type").asText()).isEqualTo("urn:smp-ledger:problem:not-found");
        assertThat(command.path("title").asText())
                .isEqualTo(query.path("title").asText())
                .isEqualTo(ProblemType.NOT_FOUND.title());
    }

    @Test
    void whatSpringMvcRefusesItselfCarriesTheServicesTypes() throws Exception {
        assertThat(problem(delete("/api/clients").with(PRACTITIONER.basic()), 405)
                        .path("type")
                        .asText())
                .isEqualTo("urn:smp-ledger:problem:method-not-allowed");
        assertThat(problem(
                                post("/api/clients")
                                        .contentType(MediaType.TEXT_PLAIN)
                                        .content("Sam Client")
                                        .with(PRACTITIONER.basic()),
                                415)
                        .path("type")
                        .asText())
                .isEqualTo("urn:smp-ledger:problem:unsupported-media-type");
        assertThat(problem(get("/api/no-such-endpoint").with(PRACTITIONER.basic()), 404)
                        .path("type")
                        .asText())
                .isEqualTo("urn:smp-ledger:problem:not-found");
    }

    @Test
    void everyProblemTypeIsDocumentedInTheApiGuide() throws IOException {
        String guide = Files.readString(Path.of("../../docs/api.md"));
        for (ProblemType type : ProblemType.values()) {
            assertThat(guide).as(type.name()).contains("`" + type.id() + "`").contains(type.title());
        }
    }
}
