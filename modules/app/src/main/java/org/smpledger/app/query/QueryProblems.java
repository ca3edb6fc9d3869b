package org.smpledger.app.query;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** problem+json answers for the query endpoints: 400 naming the parameter, 404, 409, 503. */
@RestControllerAdvice(
        assignableTypes = {
            ClientQueriesController.class,
            ClinicQueriesController.class,
            PigmentLotQueriesController.class,
            ProjectionAdminController.class
        })
class QueryProblems {

    @ExceptionHandler(QueryParameters.InvalidQueryParameterException.class)
    ProblemDetail invalid(QueryParameters.InvalidQueryParameterException e) {
        return badRequest(e.parameter, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return badRequest(
                e.getName(),
                "cannot be read as "
                        + (e.getRequiredType() == null
                                ? "a value"
                                : e.getRequiredType().getSimpleName()));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(MissingRequestHeaderException e) {
        return badRequest(e.getHeaderName(), "header is required");
    }

    @ExceptionHandler(QueryParameters.NotFoundException.class)
    ProblemDetail notFound(QueryParameters.NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(QueryParameters.ProjectionsUnavailableException.class)
    ProblemDetail unavailable(QueryParameters.ProjectionsUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Read models unavailable");
        return problem;
    }

    private static ProblemDetail badRequest(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }
}
