package org.smpledger.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A problem answered where no controller runs (a filter, an authentication entry point) looks like any other. */
class ProblemResponsesTest {

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final ProblemResponses problems = new ProblemResponses(json);

    @Test
    void aRefusalOutsideAControllerIsTheSameProblemJson() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/clients/c-1/timeline");
        MockHttpServletResponse response = new MockHttpServletResponse();
        problems.send(request, response, Problems.of(ProblemType.UNAUTHENTICATED, "Sign in to read records."));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.path("type").asText()).isEqualTo("urn:smp-ledger:problem:unauthenticated");
        assertThat(problem.path("title").asText()).isEqualTo("Authentication required");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("detail").asText()).isEqualTo("Sign in to read records.");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/clients/c-1/timeline");
    }

    @Test
    void invalidFieldsAreListedSortedAndNamedInTheDetail() throws Exception {
        JsonNode one = json.valueToTree(Problems.invalidRequest("asOf", "must be an ISO-8601 instant"));
        assertThat(one.path("detail").asText()).isEqualTo("asOf must be an ISO-8601 instant");
        assertThat(one.at("/errors/0/field").asText()).isEqualTo("asOf");

        JsonNode two = json.valueToTree(Problems.invalidRequest(List.of(
                new Problems.InvalidField("startedAt", "must not be null"),
                new Problems.InvalidField("endedAt", "must not be null"))));
        assertThat(two.path("type").asText()).isEqualTo("urn:smp-ledger:problem:invalid-request");
        assertThat(two.path("detail").asText()).isEqualTo("Invalid fields: endedAt, startedAt");
        assertThat(two.path("errors").findValuesAsText("field")).containsExactly("endedAt", "startedAt");
    }

    @Test
    void aStatusSpringRaisesItselfGetsTheServicesType() {
        assertThat(ProblemType.forStatus(405)).isEqualTo(ProblemType.METHOD_NOT_ALLOWED);
        assertThat(ProblemType.forStatus(404)).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(ProblemType.forStatus(400)).isEqualTo(ProblemType.INVALID_REQUEST);
        assertThat(ProblemType.forStatus(429)).isEqualTo(ProblemType.INVALID_REQUEST);
        assertThat(ProblemType.forStatus(503)).isEqualTo(ProblemType.INTERNAL_ERROR);
    }
}
