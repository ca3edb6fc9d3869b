package org.smpledger.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Renders a page's refusal (sign-in refused, not allowed) straight into the response, from inside
 * the security filters: no forward, so the refused request's own path and endpoint never leak into
 * how the page is served.
 */
final class RefusalPages {

    private final ITemplateEngine templates;

    RefusalPages(ITemplateEngine templates) {
        this.templates = templates;
    }

    void render(
            String template,
            int status,
            Map<String, Object> variables,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        WebContext context = new WebContext(
                JakartaServletWebApplication.buildApplication(request.getServletContext())
                        .buildExchange(request, response),
                request.getLocale(),
                variables);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        templates.process(template, context, response.getWriter());
        response.flushBuffer();
    }
}
