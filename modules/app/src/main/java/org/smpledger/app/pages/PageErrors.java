package org.smpledger.app.pages;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.app.http.ProblemException;
import org.smpledger.domain.recording.RuleViolation;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors of the pages as pages: what went wrong in plain words with the status, never a stack
 * trace. Another clinic's record reads exactly as an unknown one. Ahead of the API's handler,
 * for the pages' controllers only.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(ProblemException.class)
    String problem(ProblemException problem, Model model, HttpServletResponse response) {
        int status = problem.getStatusCode().value();
        return page(status, problem.getBody().getTitle(), problem.getBody().getDetail(), model, response);
    }

    @ExceptionHandler(RuleViolation.class)
    String rule(RuleViolation violation, Model model, HttpServletResponse response) {
        if (violation.kind() == RuleViolation.Kind.NOT_FOUND) {
            return page(
                    404,
                    "No such record",
                    "No record " + violation.numbers().get("id") + " in this clinic.",
                    model,
                    response);
        }
        return page(409, "Conflicts with the record", violation.getMessage(), model, response);
    }

    @ExceptionHandler(AccessDeniedException.class)
    String denied(Model model, HttpServletResponse response) {
        return page(403, "Not allowed", "Your role does not allow this page.", model, response);
    }

    @ExceptionHandler(Exception.class)
    String unforeseen(Exception failure, Model model, HttpServletResponse response) {
        log.error("A page failed", failure);
        return page(
                500,
                "Something went wrong",
                "The service could not show this page (the failure is logged for the operators). Please try again.",
                model,
                response);
    }

    static String page(int status, String title, String detail, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("title", title == null ? HttpStatus.valueOf(status).getReasonPhrase() : title);
        model.addAttribute("detail", detail);
        return "pages/problem";
    }
}
