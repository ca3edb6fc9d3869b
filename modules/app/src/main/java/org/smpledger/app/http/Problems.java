package org.smpledger.app.http;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Makes every problem the service answers with ({@code application/problem+json}, RFC 9457): a
 * {@link ProblemType}'s type, status and title, a detail for the reader, and for some types named
 * extra members ({@code errors}, {@code rule}, {@code numbers}, {@code maxBytes}). Used by the one
 * exception handler ({@code ApiProblems}), by filters through {@link ProblemResponses}, and by
 * anything else that refuses a request.
 */
public final class Problems {

    /** One field (or parameter, or header) of a request that cannot be accepted, and why. */
    public record InvalidField(String field, String message) {}

    private Problems() {}

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    /** 400 naming one field, parameter or header: "{field} {message}". */
    public static ProblemDetail invalidRequest(String field, String message) {
        return invalidRequest(List.of(new InvalidField(field, message)));
    }

    /** 400 with every invalid field in {@code errors}, sorted by field. */
    public static ProblemDetail invalidRequest(List<InvalidField> errors) {
        List<InvalidField> sorted = errors.stream()
                .sorted(Comparator.comparing(InvalidField::field))
                .toList();
        String detail = sorted.size() == 1
                ? sorted.get(0).field() + " " + sorted.get(0).message()
                : "Invalid fields: "
                        + sorted.stream().map(InvalidField::field).distinct().collect(Collectors.joining(", "));
        ProblemDetail problem = of(ProblemType.INVALID_REQUEST, detail);
        problem.setProperty("errors", sorted);
        return problem;
    }

    /** A clinic rule's answer: the type is the rule's id, with the rule and its numbers as members. */
    public static ProblemDetail ruleRefusal(
            HttpStatus status, String rule, String title, String detail, Map<String, ?> numbers) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemType.uri(rule));
        problem.setTitle(title);
        problem.setProperty("rule", rule);
        problem.setProperty("numbers", numbers);
        return problem;
    }

    /** 404 for a record id the caller's clinic does not have: the same whether it is unknown or another clinic's. */
    public static ProblemDetail unknownRecord(String id) {
        return of(ProblemType.NOT_FOUND, "No record " + id + " in this clinic.");
    }

    public static ProblemDetail bodyTooLarge(long maxBytes) {
        ProblemDetail problem = of(
                ProblemType.BODY_TOO_LARGE,
                "The request body is larger than %d bytes; nothing was recorded.".formatted(maxBytes));
        problem.setProperty("maxBytes", maxBytes);
        return problem;
    }
}
