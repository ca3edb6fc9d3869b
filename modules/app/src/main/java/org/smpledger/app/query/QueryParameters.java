package org.smpledger.app.query;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.smpledger.app.http.ProblemException;
import org.smpledger.app.http.ProblemType;
import org.smpledger.app.http.Problems;
import org.smpledger.projections.Page;

/** Turns query parameters into values, naming the parameter when one cannot be read. */
final class QueryParameters {

    private QueryParameters() {}

    static Instant asOf(String asOf) {
        return asOf == null || asOf.isBlank() ? null : instant("asOf", asOf);
    }

    static Instant instant(String parameter, String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid(parameter, "must be an ISO-8601 instant such as 2026-01-27T10:00:00Z");
        }
    }

    static void page(int page, int size) {
        if (page < 0) {
            throw invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > Page.MAX_SIZE) {
            throw invalid("size", "must be between 1 and " + Page.MAX_SIZE);
        }
    }

    static <T> T available(Optional<T> query) {
        return query.orElseThrow(() -> new ProblemException(
                ProblemType.READ_MODELS_UNAVAILABLE,
                "read models are not available: the service runs without an event store"));
    }

    static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    private static ProblemException invalid(String parameter, String message) {
        return new ProblemException(Problems.invalidRequest(parameter, message));
    }
}
