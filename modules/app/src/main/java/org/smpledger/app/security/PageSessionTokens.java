package org.smpledger.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.app.access.AccessAttempt;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.client.RestClientException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page session signed in at the identity provider lasts as long as the access token it was signed in
 * with (its {@code exp}, with the API's clock skew), not as long as the service's session. A page request
 * after that refreshes the token at the provider's token endpoint when it issued a refresh token, and
 * checks the new one as the API would (the staff member's roles follow it); without a refresh token, or
 * when the refresh or the new token is refused, the session ends and the request is answered as one
 * that is not signed in (to the sign-in page, and back to the page after signing in again).
 */
final class PageSessionTokens extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(PageSessionTokens.class);
    static final String EXPIRES_AT = PageSessionTokens.class.getName() + ".expiresAt";

    private final OAuth2AuthorizedClientRepository authorized;
    private final OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshing;
    private final JwtDecoder tokens;
    private final Converter<Jwt, AbstractAuthenticationToken> staff;
    private final Clock clock;
    private final Duration clockSkew;
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    PageSessionTokens(
            OAuth2AuthorizedClientRepository authorized,
            OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshing,
            JwtDecoder tokens,
            Converter<Jwt, AbstractAuthenticationToken> staff,
            Clock clock,
            Duration clockSkew) {
        this.authorized = authorized;
        this.refreshing = refreshing;
        this.tokens = tokens;
        this.staff = staff;
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    /** Notes in the session until when its access token holds. */
    static void signedInUntil(HttpServletRequest request, Jwt accessToken) {
        HttpSession session = request.getSession(false);
        if (session != null && accessToken.getExpiresAt() != null) {
            session.setAttribute(EXPIRES_AT, accessToken.getExpiresAt());
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (session == null
                || !(current instanceof StaffAuthentication)
                || !(session.getAttribute(EXPIRES_AT) instanceof Instant expiresAt)
                || !clock.instant().isAfter(expiresAt.plus(clockSkew))) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Authentication> renewed = refreshed(current, request, response);
        if (renewed.isPresent()) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(renewed.get());
            SecurityContextHolder.setContext(context);
            sessions.saveContext(context, request, response);
        } else {
            authorized.removeAuthorizedClient(IdentityProviderSignIn.REGISTRATION, current, request, response);
            SecurityContextHolder.clearContext();
            sessions.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
            session.invalidate();
            AccessAttempt.of(request).ifPresent(attempt -> attempt.refused("token-expired", null));
        }
        chain.doFilter(request, response);
    }

    private Optional<Authentication> refreshed(
            Authentication current, HttpServletRequest request, HttpServletResponse response) {
        OAuth2AuthorizedClient client =
                authorized.loadAuthorizedClient(IdentityProviderSignIn.REGISTRATION, current, request);
        if (client == null || client.getRefreshToken() == null) {
            return Optional.empty();
        }
        try {
            OAuth2AccessTokenResponse answer = refreshing.getTokenResponse(new OAuth2RefreshTokenGrantRequest(
                    client.getClientRegistration(), client.getAccessToken(), client.getRefreshToken()));
            Jwt token = tokens.decode(answer.getAccessToken().getTokenValue());
            Authentication member = staff.convert(token);
            if (!(member.getPrincipal() instanceof StaffMember now)
                    || !(current.getPrincipal() instanceof StaffMember before)
                    || !now.userId().equals(before.userId())) {
                return Optional.empty();
            }
            authorized.saveAuthorizedClient(
                    new OAuth2AuthorizedClient(
                            client.getClientRegistration(),
                            client.getPrincipalName(),
                            answer.getAccessToken(),
                            answer.getRefreshToken() != null ? answer.getRefreshToken() : client.getRefreshToken()),
                    member,
                    request,
                    response);
            signedInUntil(request, token);
            return Optional.of(member);
        } catch (OAuth2AuthorizationException | JwtException | IllegalArgumentException | NoSuchElementException e) {
            log.info(
                    "A page session's access token could not be refreshed: {}",
                    e.getClass().getSimpleName());
            return Optional.empty();
        } catch (RestClientException unreachable) {
            log.warn("The identity provider's token endpoint did not answer a refresh; the page session ends");
            return Optional.empty();
        }
    }
}
