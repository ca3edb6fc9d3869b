package org.smpledger.app.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.smpledger.domain.recording.RuleViolation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as {@code application/problem+json}: 400 for input that cannot be read or
 * is out of range (naming the fields), 404 for unknown records, 409 for conflicts with the record's
 * current state, 422 for a clinic rule that refuses the command (with the rule and its numbers).
 * Problem types are {@code urn:smp-ledger:problem:<id>}; see docs/api.md.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    static final String TYPE_PREFIX = "urn:smp-ledger:problem:";

    private final long maxBodyBytes;

    ApiProblems(ApiProperties api) {
        this.maxBodyBytes = api.maxBodySize().toBytes();
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Object> ruleViolation(RuleViolation violation) {
        HttpStatus status = switch (violation.kind()) {
            case REFUSED -> HttpStatus.UNPROCESSABLE_ENTITY;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        ProblemDetail problem = problem(status, violation.rule(), title(violation), violation.getMessage());
        problem.setProperty("rule", violation.rule());
        problem.setProperty("numbers", violation.numbers());
        return respond(problem);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> notFound(AggregateNotFoundException e) {
        ProblemDetail problem = problem(
                HttpStatus.NOT_FOUND,
                "not-found",
                "No such record",
                "No record " + e.getAggregateIdentifier() + " in this clinic.");
        return respond(problem);
    }

    @ExceptionHandler({
        ConcurrencyException.class,
        ConflictingAggregateVersionException.class,
        AggregateStreamCreationException.class
    })
    ResponseEntity<Object> concurrentChange(RuntimeException e) {
        return respond(problem(
                HttpStatus.CONFLICT,
                "concurrent-change",
                "The record changed meanwhile",
                "Another request changed this record at the same time; read it again and retry."));
    }

    @ExceptionHandler(EventStoreException.class)
    ResponseEntity<Object> storeFailure(EventStoreException e) {
        logger.error("event store failure", e);
        return respond(problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "event-store-unavailable",
                "The event store did not answer",
                "Nothing was recorded; retry with the same Idempotency-Key."));
    }

    @ExceptionHandler(SenderArgumentResolver.InvalidHeaderException.class)
    ResponseEntity<Object> invalidHeader(SenderArgumentResolver.InvalidHeaderException e) {
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.header + " " + e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.header, "message", e.getMessage())));
        return respond(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getName() + " cannot be read");
        problem.setProperty("errors", List.of(Map.of("field", e.getName(), "message", "cannot be read")));
        return respond(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            @NonNull MethodArgumentNotValidException e,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status,
            @NonNull WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getAllErrors().stream()
                .map(error -> Map.of(
                        "field",
                        error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        "message",
                        String.valueOf(error.getDefaultMessage())))
                .sorted((a, b) -> a.get("field").compareTo(b.get("field")))
                .toList();
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "invalid-request",
                "Invalid request",
                "Invalid fields: "
                        + errors.stream().map(m -> m.get("field")).distinct().collect(Collectors.joining(", ")));
        problem.setProperty("errors", errors);
        return respond(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            @NonNull HttpMessageNotReadableException e,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status,
            @NonNull WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyLimit.BodyTooLarge) {
                return respond(RequestBodyLimit.problem(maxBodyBytes));
            }
        }
        Throwable cause = e.getCause();
        ProblemDetail problem;
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            String message = cause instanceof InvalidFormatException format
                            && format.getTargetType() != null
                            && format.getTargetType().isEnum()
                    ? "must be one of " + Arrays.toString(format.getTargetType().getEnumConstants())
                    : cause instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null
                            ? "must be a " + describe(mismatched.getTargetType())
                            : "cannot be read";
            problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", field + " " + message);
            problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        } else {
            problem = problem(
                    HttpStatus.BAD_REQUEST,
                    "malformed-json",
                    "Malformed request body",
                    "The body is missing or is not well-formed JSON.");
        }
        return respond(problem);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(
            @NonNull ServletRequestBindingException e,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status,
            @NonNull WebRequest request) {
        if (e instanceof MissingRequestHeaderException missing) {
            ProblemDetail problem = problem(
                    HttpStatus.BAD_REQUEST,
                    "invalid-request",
                    "Invalid request",
                    "Header " + missing.getHeaderName() + " is required.");
            problem.setProperty("errors", List.of(Map.of("field", missing.getHeaderName(), "message", "is required")));
            return respond(problem);
        }
        return super.handleServletRequestBindingException(e, headers, status, request);
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type.getName().startsWith("java.time")) {
            return type.getSimpleName() + " in ISO-8601";
        }
        return type == String.class ? "string" : "JSON " + (List.class.isAssignableFrom(type) ? "array" : "object");
    }

    private static String title(RuleViolation violation) {
        return switch (violation.kind()) {
            case REFUSED -> "Refused by clinic rule " + violation.rule();
            case CONFLICT -> "Conflicts with the record";
            case NOT_FOUND -> "No such record";
        };
    }

    private static ProblemDetail problem(HttpStatus status, String id, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + id));
        problem.setTitle(title);
        return problem;
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
