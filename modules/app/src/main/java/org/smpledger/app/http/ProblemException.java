package org.smpledger.app.http;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request refused with a problem made by {@link Problems}; the exception handler answers it as it is. */
public class ProblemException extends ErrorResponseException {

    public ProblemException(ProblemDetail problem) {
        super(HttpStatusCode.valueOf(problem.getStatus()), problem, null);
    }

    public ProblemException(ProblemType type, String detail) {
        this(Problems.of(type, detail));
    }
}
