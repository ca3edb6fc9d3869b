package org.smpledger.app.http;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Arrays;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.smpledger.app.http.Problems.InvalidField;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.personaldata.PersonalDataUnreadable;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one exception handler of the service: every error of a command, a query or Spring MVC itself
 * becomes a problem from {@link Problems}: 400 for input that cannot be read or is out of range
 * (naming the fields), 404 for unknown records, 409 for conflicts with the record's current state,
 * 422 for a clinic rule that refuses the command (with the rule and its numbers), 503 when a store
 * does not answer, and a bare 500 for anything unforeseen. Spring's own problems (405, 415, ...)
 * get the service's problem types. A record of another clinic gets the very answer of an unknown
 * record. Spring Security answers 401 and 403 itself, before any controller runs.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Object> ruleViolation(RuleViolation violation) {
        if (violation.kind() == RuleViolation.Kind.NOT_FOUND) {
            // another clinic's record (or a stream of the other kind): exactly the answer for an unknown id
            return respond(
                    Problems.unknownRecord(String.valueOf(violation.numbers().get("id"))));
        }
        HttpStatus status = switch (violation.kind()) {
            case REFUSED -> HttpStatus.UNPROCESSABLE_ENTITY;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        String title = switch (violation.kind()) {
            case REFUSED -> "Refused by clinic rule " + violation.rule();
            case CONFLICT -> "Conflicts with the record";
            case NOT_FOUND -> ProblemType.NOT_FOUND.title();
        };
        return respond(
                Problems.ruleRefusal(status, violation.rule(), title, violation.getMessage(), violation.numbers()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> notFound(AggregateNotFoundException e) {
        return respond(Problems.unknownRecord(String.valueOf(e.getAggregateIdentifier())));
    }

    /** Only reached when a controller itself finds the caller may not do something; the security layer answers first. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException e) {
        return respond(Problems.of(ProblemType.FORBIDDEN, "Your role does not allow this."));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException e) {
        return respond(Problems.of(ProblemType.UNAUTHENTICATED, "Sign in first."));
    }

    @ExceptionHandler({
        ConcurrencyException.class,
        ConflictingAggregateVersionException.class,
        AggregateStreamCreationException.class
    })
    ResponseEntity<Object> concurrentChange(RuntimeException e) {
        return respond(Problems.of(
                ProblemType.CONCURRENT_CHANGE,
                "Another request changed this record at the same time; read it again and retry."));
    }

    /** A sealed value that does not open: never shown, reported as damage to the store (the client id only, no value). */
    @ExceptionHandler(PersonalDataUnreadable.class)
    ResponseEntity<Object> personalDataUnreadable(PersonalDataUnreadable e) {
        logger.error("stored personal data does not authenticate: " + e.getMessage());
        return respond(Problems.of(
                ProblemType.PERSONAL_DATA_UNREADABLE,
                "A stored personal value of this record does not authenticate: it was altered or damaged in the store,"
                        + " and is not shown. Nothing was changed."));
    }

    @ExceptionHandler(EventStoreException.class)
    ResponseEntity<Object> storeFailure(EventStoreException e) {
        logger.error("event store failure", e);
        return respond(Problems.of(
                ProblemType.EVENT_STORE_UNAVAILABLE, "Nothing was recorded; retry with the same Idempotency-Key."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unforeseen(Exception e) {
        logger.error("request failed unexpectedly", e);
        return respond(Problems.of(
                ProblemType.INTERNAL_ERROR, "The service could not answer this request; the failure is logged."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            @NonNull MethodArgumentNotValidException e,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status,
            @NonNull WebRequest request) {
        List<InvalidField> errors = e.getBindingResult().getAllErrors().stream()
                .map(error -> new InvalidField(
                        error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        String.valueOf(error.getDefaultMessage())))
                .toList();
        return respond(Problems.invalidRequest(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            @NonNull HttpMessageNotReadableException e,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status,
            @NonNull WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyLimit.BodyTooLarge tooLarge) {
                return respond(Problems.bodyTooLarge(tooLarge.maxBytes));
            }
        }
        if (e.getCause() instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            String message = mapping instanceof InvalidFormatException format
                            && format.getTargetType() != null
                            && format.getTargetType().isEnum()
                    ? "must be one of " + Arrays.toString(format.getTargetType().getEnumConstants())
                    : mapping instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null
                            ? "must be a " + describe(mismatched.getTargetType())
                            : "cannot be read";
            return respond(Problems.invalidRequest(path(mapping), message));
        }
        return respond(Problems.of(ProblemType.MALFORMED_JSON, "The body is missing or is not well-formed JSON."));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(
            @NonNull ServletRequestBindingException e,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status,
            @NonNull WebRequest request) {
        if (e instanceof MissingRequestHeaderException missing) {
            return respond(Problems.invalidRequest(missing.getHeaderName(), "is required"));
        }
        return super.handleServletRequestBindingException(e, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            @NonNull MissingServletRequestParameterException e,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status,
            @NonNull WebRequest request) {
        return respond(Problems.invalidRequest(e.getParameterName(), "is required"));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            @NonNull TypeMismatchException e,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status,
            @NonNull WebRequest request) {
        String field =
                e instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : e.getPropertyName();
        String message = e.getRequiredType() == null ? "cannot be read" : "must be a " + describe(e.getRequiredType());
        return respond(Problems.invalidRequest(String.valueOf(field), message));
    }

    /** Every answer of this handler, Spring's own included, leaves as problem+json with the service's types. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode statusCode,
            @NonNull WebRequest request) {
        if (body instanceof ProblemDetail problem && isUntyped(problem)) {
            ProblemType type = ProblemType.forStatus(problem.getStatus());
            problem.setType(type.uri());
            problem.setTitle(type.title());
        }
        HttpHeaders answered = new HttpHeaders();
        answered.putAll(headers);
        answered.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.createResponseEntity(body, answered, statusCode, request);
    }

    private static boolean isUntyped(ProblemDetail problem) {
        return problem.getType() == null || !problem.getType().toString().startsWith(ProblemType.PREFIX);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
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
}
