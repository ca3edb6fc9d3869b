package org.smpledger.app.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.types.ObjectId;
import org.smpledger.accesslog.AccessLog;
import org.smpledger.accesslog.AccessRecord;
import org.smpledger.app.http.RequestHeaders;
import org.smpledger.app.security.Endpoints;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffMember;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Wraps every request (outside the security filters) in an {@link AccessAttempt} and, when it
 * ends, records in the access log: every answer that showed a client's record or named clients,
 * every 401 and 403, and every 404 for a record id (another clinic's, or one that does not exist).
 * Recording only queues the record ({@link AccessLog}); the write happens off the request path.
 * Each response carries the request's {@code X-Correlation-Id}.
 */
public final class AccessRecording extends OncePerRequestFilter {

    private static final int MAX_CORRELATION_ID = 200;

    private final AccessLog accessLog;
    private final Endpoints endpoints;
    private final Clock clock;

    public AccessRecording(AccessLog accessLog, Endpoints endpoints, Clock clock) {
        this.accessLog = accessLog;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AccessAttempt attempt = new AccessAttempt(clock.instant(), correlationId(request));
        request.setAttribute(AccessAttempt.ATTRIBUTE, attempt);
        response.setHeader(RequestHeaders.CORRELATION_ID, attempt.correlationId());
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException failure) {
            // the container has not set its 500 yet: the attempt failed whatever the status says now
            record(request, Math.max(response.getStatus(), 500), attempt);
            throw failure;
        }
        if (!request.isAsyncStarted()) {
            // the answer leaves now; recording it is no part of the caller's wait
            response.flushBuffer();
        }
        record(request, response.getStatus(), attempt);
    }

    private void record(HttpServletRequest request, int status, AccessAttempt attempt) {
        Optional<Endpoints.Endpoint> endpoint = handled(request).or(() -> endpoints.of(request));
        AccessRecord.Entity entity = attempt.entity();
        AccessRecord.Outcome outcome;
        if (status == 401) {
            outcome = AccessRecord.Outcome.UNAUTHENTICATED;
        } else if (status == 403) {
            outcome = AccessRecord.Outcome.FORBIDDEN;
        } else if (status == 404 && "other-clinic".equals(attempt.refusal())) {
            outcome = AccessRecord.Outcome.OTHER_CLINIC;
        } else if (status == 404 && recordAsked(endpoint).isPresent()) {
            outcome = AccessRecord.Outcome.NOT_FOUND;
        } else if (status < 300 && entity != null) {
            outcome = AccessRecord.Outcome.SUCCESS;
        } else {
            return;
        }
        if (entity == null) {
            entity = recordAsked(endpoint).orElse(null);
        }
        String reason = outcome == AccessRecord.Outcome.SUCCESS
                ? null
                : attempt.refusal() != null
                        ? attempt.refusal()
                        : outcome == AccessRecord.Outcome.NOT_FOUND ? "not-found" : null;
        accessLog.record(new AccessRecord(
                new ObjectId().toHexString(),
                attempt.at(),
                "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) ? "R" : "E",
                endpoint.map(Endpoints.Endpoint::operation).orElseGet(() -> operation(request)),
                outcome,
                status,
                reason,
                agent(attempt, endpoint),
                entity,
                attempt.clients(),
                attempt.correlationId(),
                request.getRemoteAddr()));
    }

    /** The endpoint Spring MVC itself matched (no second look-up), when the request got that far. */
    @SuppressWarnings("unchecked")
    private static Optional<Endpoints.Endpoint> handled(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
        if (!(pattern instanceof String template) || !(handler instanceof HandlerMethod method)) {
            return Optional.empty();
        }
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return Optional.of(new Endpoints.Endpoint(
                request.getMethod(),
                template,
                variables instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of(),
                method));
    }

    private static AccessRecord.Agent agent(AccessAttempt attempt, Optional<Endpoints.Endpoint> endpoint) {
        StaffMember staff = attempt.staff();
        if (staff == null) {
            return attempt.namedAgent() != null ? attempt.namedAgent() : AccessRecord.Agent.unknown();
        }
        Role[] admitted = endpoint.map(e -> e.admitted().toArray(Role[]::new)).orElse(new Role[0]);
        String role = staff.actingAs(admitted)
                .or(() -> staff.roles().stream().sorted().findFirst())
                .map(Role::roleName)
                .orElse(null);
        return new AccessRecord.Agent(staff.userId(), role, staff.clinicId(), staff.authenticatedBy());
    }

    /** The record a path names: its client, lot or user id, with the view asked for. */
    private static Optional<AccessRecord.Entity> recordAsked(Optional<Endpoints.Endpoint> endpoint) {
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> ids = endpoint.get().variables();
        String pattern = endpoint.get().pattern();
        String detail = pattern.substring(pattern.lastIndexOf('/') + 1);
        if (ids.containsKey("clientId")) {
            return Optional.of(new AccessRecord.Entity("client", ids.get("clientId"), null, detail));
        }
        if (ids.containsKey("lotId")) {
            return Optional.of(new AccessRecord.Entity("lot", ids.get("lotId"), null, detail));
        }
        if (ids.containsKey("username")) {
            return Optional.of(new AccessRecord.Entity("user", ids.get("username"), null, detail));
        }
        return Optional.empty();
    }

    private static String operation(HttpServletRequest request) {
        String path = request.getRequestURI();
        return request.getMethod() + " " + (path.length() > 200 ? path.substring(0, 200) : path);
    }

    private static String correlationId(HttpServletRequest request) {
        String sent = request.getHeader(RequestHeaders.CORRELATION_ID);
        if (sent == null || sent.isBlank()) {
            // a random version-4 UUID without the shared SecureRandom: a correlation id is no secret
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return new UUID(
                            random.nextLong() & 0xFFFFFFFFFFFF0FFFL | 0x0000000000004000L,
                            random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L)
                    .toString();
        }
        sent = sent.trim();
        return sent.length() > MAX_CORRELATION_ID ? sent.substring(0, MAX_CORRELATION_ID) : sent;
    }
}
