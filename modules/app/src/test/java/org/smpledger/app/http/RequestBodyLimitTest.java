package org.smpledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A chunked body (no Content-Length) is cut off as soon as reading passes the limit. */
class RequestBodyLimitTest {

    private final RequestBodyLimit limit = new RequestBodyLimit(1024, new ObjectMapper());

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
}
