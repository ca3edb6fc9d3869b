package org.smpledger.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import org.smpledger.accesslog.AccessRecord;
import org.smpledger.app.access.AccessAttempt;
import org.smpledger.app.http.ProblemResponses;
import org.smpledger.app.http.ProblemType;
import org.smpledger.app.http.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The security layer's answers: 401 and 403 as problem+json. Every 401 has the same body,
 * whatever went wrong (no credentials, an unknown user, a wrong password, a locked user, a bad
 * token), so a caller cannot tell whether a user exists; the real reason goes to the access log.
 */
final class Refusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemResponses problems;
    private final Endpoints endpoints;
    private final boolean bearer;

    Refusals(ProblemResponses problems, Endpoints endpoints, boolean bearer) {
        this.problems = problems;
        this.endpoints = endpoints;
        this.bearer = bearer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refusal)
            throws IOException {
        AccessAttempt.of(request).ifPresent(attempt -> attempt.refused(reason(refusal), named(refusal)));
        if (bearer) {
            response.setHeader(
                    HttpHeaders.WWW_AUTHENTICATE,
                    refusal instanceof OAuth2AuthenticationException
                            ? "Bearer realm=\"smp-ledger\", error=\"invalid_token\""
                            : "Bearer realm=\"smp-ledger\"");
        } else {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"smp-ledger\", charset=\"UTF-8\"");
        }
        problems.send(
                request,
                response,
                Problems.of(
                        ProblemType.UNAUTHENTICATED,
                        bearer
                                ? "Send a valid bearer token from your clinic's identity provider."
                                : "Send the HTTP Basic credentials of a user of your clinic."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        AccessAttempt.of(request).ifPresent(attempt -> attempt.refused("role-not-admitted", null));
        String detail = endpoints
                .of(request)
                .filter(Endpoints.Endpoint::ours)
                .map(endpoint -> endpoint.admitted().isEmpty()
                        ? "This endpoint admits no role."
                        : "This endpoint admits the roles "
                                + endpoint.admitted().stream()
                                        .map(Role::roleName)
                                        .collect(Collectors.joining(", "))
                                + "; yours is not among them.")
                .orElse("Your role does not allow this.");
        problems.send(request, response, Problems.of(ProblemType.FORBIDDEN, detail));
    }

    private static String reason(AuthenticationException refusal) {
        if (refusal instanceof SignInRefused refused) {
            return refused.reason().code();
        }
        if (refusal instanceof InsufficientAuthenticationException) {
            return "no-credentials";
        }
        if (refusal instanceof OAuth2AuthenticationException token) {
            String description = token.getError().getDescription();
            return "invalid-token" + (description == null ? "" : ": " + shortened(description));
        }
        return "bad-credentials";
    }

    private static AccessRecord.Agent named(AuthenticationException refusal) {
        if (refusal instanceof SignInRefused refused && refused.user() != null) {
            LocalUser user = refused.user();
            return new AccessRecord.Agent(user.username(), null, user.clinicId(), null);
        }
        return null;
    }

    private static String shortened(String text) {
        return text.length() > 200 ? text.substring(0, 200) : text;
    }
}
