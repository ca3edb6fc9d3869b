package org.smpledger.app.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.server.RequestPath;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Finds the controller method a request will reach, before Spring MVC does, so that the security
 * layer decides with that method's {@link Admits} and the access log names its path template and
 * ids. The answer is kept on the request.
 */
public final class Endpoints {

    private static final String ATTRIBUTE = Endpoints.class.getName();
    private static final Endpoint NONE = new Endpoint("", "", Map.of(), null);

    /** A request's endpoint: method, path template, the ids in the path, and the controller method. */
    public record Endpoint(String method, String pattern, Map<String, String> variables, HandlerMethod handler) {

        public String operation() {
            return method + " " + pattern;
        }

        /** The service's own endpoints (not Swagger UI's or Spring's error page). */
        public boolean ours() {
            return handler != null && handler.getBeanType().getPackageName().startsWith("org.smpledger.");
        }

        /** The roles the endpoint admits; none when it declares none (then it admits nobody). */
        public Set<Role> admitted() {
            Admits admits = handler == null ? null : handler.getMethodAnnotation(Admits.class);
            Set<Role> roles = EnumSet.noneOf(Role.class);
            if (admits != null) {
                roles.addAll(Arrays.asList(admits.value()));
            }
            return roles;
        }
    }

    private final RequestMappingHandlerMapping mapping;

    public Endpoints(RequestMappingHandlerMapping mapping) {
        this.mapping = mapping;
    }

    public Optional<Endpoint> of(HttpServletRequest request) {
        Object known = request.getAttribute(ATTRIBUTE);
        if (known instanceof Endpoint endpoint) {
            return endpoint == NONE ? Optional.empty() : Optional.of(endpoint);
        }
        Endpoint endpoint = find(request);
        request.setAttribute(ATTRIBUTE, endpoint);
        return endpoint == NONE ? Optional.empty() : Optional.of(endpoint);
    }

    @SuppressWarnings("unchecked")
    private Endpoint find(HttpServletRequest request) {
        RequestPath previous = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request)
                : null;
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain == null || !(chain.getHandler() instanceof HandlerMethod handler)) {
                return NONE;
            }
            Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            return new Endpoint(
                    request.getMethod(),
                    String.valueOf(pattern),
                    variables instanceof Map<?, ?> map ? Map.copyOf((Map<String, String>) map) : Map.of(),
                    handler);
        } catch (Exception e) {
            // no method for this verb or media type: Spring MVC answers 405 or 415 itself
            return NONE;
        } finally {
            if (previous == null) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            } else {
                request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previous);
            }
        }
    }
}
