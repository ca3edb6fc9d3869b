package org.smpledger.app.http;

import org.springframework.http.HttpHeaders;

/**
 * The request headers the API reads, named once for the controllers, the OpenAPI document and the
 * docs. Who sends a request, for which clinic and in which role is never read from a header: it
 * comes from the authenticated principal (docs/security.md).
 */
public final class RequestHeaders {

    /** Ties the events of one request (and of what follows from it) together; generated when absent. */
    public static final String CORRELATION_ID = "X-Correlation-Id";

    /** A retried request with the same key records nothing twice and answers as the first time. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** The stream version the sender saw (an ETag); a command against a moved stream answers 409. */
    public static final String IF_MATCH = HttpHeaders.IF_MATCH;

    private RequestHeaders() {}
}
