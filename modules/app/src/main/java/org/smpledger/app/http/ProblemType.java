package org.smpledger.app.http;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The problem types of the service ({@code urn:smp-ledger:problem:<id>}), each with its one status
 * and title, the same for commands, queries, filters and the security layer. A clinic rule that
 * refuses a command has a type of its own, named after the rule ({@link Problems#ruleRefusal}).
 * Listed in docs/api.md, "Errors".
 */
public enum ProblemType {
    MALFORMED_JSON(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed request body"),
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Not allowed"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "No such record"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "No acceptable representation"),
    CONCURRENT_CHANGE(HttpStatus.CONFLICT, "concurrent-change", "The record changed meanwhile"),
    BODY_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error"),
    PERSONAL_DATA_UNREADABLE(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "personal-data-unreadable",
            "Stored personal data does not authenticate (altered or damaged)"),
    EVENT_STORE_UNAVAILABLE(
            HttpStatus.SERVICE_UNAVAILABLE, "event-store-unavailable", "The event store did not answer"),
    READ_MODELS_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "read-models-unavailable", "Read models unavailable"),
    VERIFICATION_RUNNING(
            HttpStatus.SERVICE_UNAVAILABLE, "verification-running", "A verification of the log is running");

    /** Every problem type URI starts with this, followed by the type's (or the rule's) id. */
    public static final String PREFIX = "urn:smp-ledger:problem:";

    private final HttpStatus status;
    private final String id;
    private final String title;

    ProblemType(HttpStatus status, String id, String title) {
        this.status = status;
        this.id = id;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return uri(id);
    }

    static URI uri(String id) {
        return URI.create(PREFIX + id);
    }

    /**
     * The type for a problem that only has a status (one Spring MVC raised itself, e.g. 405 or 415);
     * a status without a type of its own is invalid-request (4xx) or internal-error (5xx).
     */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> BODY_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        };
    }
}
