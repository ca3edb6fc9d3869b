package org.smpledger.app.security;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Decides a request by the {@link Admits} of the controller method it reaches: admitted when the
 * caller is authenticated and holds one of its roles. An endpoint that declares no roles admits
 * nobody. A request no controller method answers (an unknown path, a verb the path does not have)
 * is let through to Spring MVC's 404 or 405 only when authenticated, so that anonymous callers
 * learn nothing about paths.
 */
final class AdmittedRoles implements AuthorizationManager<RequestAuthorizationContext> {

    private final Endpoints endpoints;

    AdmittedRoles(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Authentication caller = authentication.get();
        if (caller == null || !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken) {
            return new AuthorizationDecision(false);
        }
        Optional<Endpoints.Endpoint> endpoint = endpoints.of(context.getRequest());
        if (endpoint.isEmpty() || !endpoint.get().ours()) {
            return new AuthorizationDecision(true);
        }
        if (!(caller.getPrincipal() instanceof StaffMember member)) {
            return new AuthorizationDecision(false);
        }
        return new AuthorizationDecision(endpoint.get().admitted().stream().anyMatch(member::is));
    }
}
