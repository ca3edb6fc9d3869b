package org.smpledger.app.query;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Turns query parameters into values, naming the parameter when one cannot be read. */
final class QueryParameters {

    static final String CLINIC_HEADER = "X-Clinic-Id";

    private QueryParameters() {}

    static Instant asOf(String asOf) {
        return asOf == null || asOf.isBlank() ? null : instant("asOf", asOf);
    }

    static Instant instant(String parameter, String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidQueryParameterException(
                    parameter, "must be an ISO-8601 instant such as 2026-01-27T10:00:00Z");
        }
    }

    static void page(int page, int size) {
        if (page < 0) {
            throw new InvalidQueryParameterException("page", "must be 0 or more");
        }
        if (size < 1 || size > org.smpledger.projections.Page.MAX_SIZE) {
            throw new InvalidQueryParameterException(
                    "size", "must be between 1 and " + org.smpledger.projections.Page.MAX_SIZE);
        }
    }

    static <T> T available(Optional<T> query) {
        return query.orElseThrow(ProjectionsUnavailableException::new);
    }

    static final class InvalidQueryParameterException extends RuntimeException {
        final String parameter;

        InvalidQueryParameterException(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }
    }

    static final class NotFoundException extends RuntimeException {
        NotFoundException(String message) {
            super(message);
        }
    }

    static final class ProjectionsUnavailableException extends RuntimeException {
        ProjectionsUnavailableException() {
            super("read models are not available: the service runs without an event store");
        }
    }
}
