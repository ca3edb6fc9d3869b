package org.smpledger.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A body over the limit: refused from its Content-Length before it is read, or cut off while a chunked one is read. */
class RequestBodyLimitTest {

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final RequestBodyLimit limit = new RequestBodyLimit(1024, new ProblemResponses(json));

    private static MockHttpServletRequest chunked(int bytes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/clients") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(new byte[bytes]);
        return request;
    }

    private static FilterChain readingTheBody(ByteArrayOutputStream into) {
        return (request, response) -> request.getInputStream().transferTo(into);
    }

    @Test
    void aChunkedBodyPastTheLimitFailsWhileBeingRead() {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        assertThatThrownBy(() -> limit.doFilter(chunked(1025), new MockHttpServletResponse(), readingTheBody(read)))
                .isInstanceOf(RequestBodyLimit.BodyTooLarge.class);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsReadWhole() throws Exception {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        limit.doFilter(chunked(1024), new MockHttpServletResponse(), readingTheBody(read));
        assertThat(read.size()).isEqualTo(1024);
    }

    @Test
    void aContentLengthOverTheLimitAnswers413BeforeTheBodyIsRead() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/clients");
        request.setContent(new byte[1025]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        limit.doFilter(request, response, readingTheBody(read));

        assertThat(read.size()).isZero();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getHeader("Connection")).isEqualTo("close");
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.path("type").asText()).isEqualTo("urn:smp-ledger:problem:body-too-large");
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("instance").asText()).isEqualTo("/api/clients");
        assertThat(problem.path("maxBytes").asLong()).isEqualTo(1024);
    }
}
