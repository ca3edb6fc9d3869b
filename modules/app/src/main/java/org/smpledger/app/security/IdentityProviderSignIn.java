package org.smpledger.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.smpledger.app.access.AccessAttempt;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The pages' sign-in at the clinic's identity provider (OpenID Connect, authorization code flow).
 * After the provider sends the browser back, the access token it issued is checked exactly as the
 * API checks a bearer token ({@link TokenSignIn}: signature, issuer, audience, expiry, clinic
 * claim), and the page session holds the same {@link StaffMember} the API would build from it. A
 * token that does not pass is a refused sign-in, recorded in the access log.
 */
final class IdentityProviderSignIn {

    /** The registration's id: the sign-in starts at {@code /oauth2/authorization/clinic-idp}. */
    static final String REGISTRATION = "clinic-idp";

    private static final String ID_TOKEN = IdentityProviderSignIn.class.getName() + ".idToken";

    private final IdentityProperties.Jwt provider;
    private final IdentityProperties.PageSignIn client;
    private final Supplier<ClientRegistration> registration;

    IdentityProviderSignIn(IdentityProperties.Jwt provider, IdentityProperties.PageSignIn client) {
        if (client.clientSecret().isBlank()) {
            throw new IllegalStateException(
                    "smp.security.page-sign-in.client-secret is required with smp.security.page-sign-in.client-id");
        }
        boolean given =
                !client.authorizationUri().isBlank() && !client.tokenUri().isBlank();
        if (!given && provider.issuerUri().isBlank()) {
            throw new IllegalStateException("smp.security.page-sign-in needs authorization-uri and token-uri, or "
                    + "smp.security.jwt.issuer-uri to discover them (docs/security.md)");
        }
        this.provider = provider;
        this.client = client;
        // discovery on the first sign-in, so the service starts while the provider is down
        this.registration = SingletonSupplier.of(this::build);
    }

    ClientRegistrationRepository registrations() {
        return id -> REGISTRATION.equals(id) ? registration.get() : null;
    }

    private ClientRegistration build() {
        ClientRegistration.Builder builder;
        if (!client.authorizationUri().isBlank() && !client.tokenUri().isBlank()) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            if (!client.endSessionUri().isBlank()) {
                metadata.put("end_session_endpoint", client.endSessionUri());
            }
            builder = ClientRegistration.withRegistrationId(REGISTRATION)
                    .authorizationUri(client.authorizationUri())
                    .tokenUri(client.tokenUri())
                    .jwkSetUri(provider.jwkSetUri().isBlank() ? null : provider.jwkSetUri())
                    .issuerUri(provider.expectedIssuer())
                    .userNameAttributeName("sub")
                    .providerConfigurationMetadata(metadata);
        } else {
            builder =
                    ClientRegistrations.fromIssuerLocation(provider.issuerUri()).registrationId(REGISTRATION);
        }
        return builder.clientId(client.clientId())
                .clientSecret(client.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(client.scopes())
                .clientName("the clinic's identity provider")
                .build();
    }

    /**
     * Replaces the provider's user by the staff member its access token names, then continues to the
     * page first asked for; refuses the sign-in when the token does not pass the API's checks.
     */
    AuthenticationSuccessHandler signedIn(
            JwtDecoder tokens,
            Converter<Jwt, AbstractAuthenticationToken> staff,
            OAuth2AuthorizedClientRepository authorized,
            Refused refused) {
        SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
        SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();
        next.setDefaultTargetUrl("/clients");
        return (request, response, authentication) -> {
            OAuth2AuthenticationToken login = (OAuth2AuthenticationToken) authentication;
            OAuth2AuthorizedClient signedIn =
                    authorized.loadAuthorizedClient(login.getAuthorizedClientRegistrationId(), login, request);
            Authentication member;
            Jwt accessToken;
            try {
                accessToken = tokens.decode(signedIn.getAccessToken().getTokenValue());
                member = staff.convert(accessToken);
            } catch (JwtException | IllegalArgumentException | NoSuchElementException invalid) {
                authorized.removeAuthorizedClient(REGISTRATION, login, request, response);
                SecurityContextHolder.clearContext();
                sessions.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
                if (request.getSession(false) != null) {
                    request.getSession(false).invalidate();
                }
                AccessAttempt.of(request).ifPresent(attempt -> attempt.refused("token-invalid", null));
                refused.show(request, response);
                return;
            }
            if (login.getPrincipal() instanceof OidcUser user && request.getSession(false) != null) {
                request.getSession(false)
                        .setAttribute(ID_TOKEN, user.getIdToken().getTokenValue());
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(member);
            SecurityContextHolder.setContext(context);
            sessions.saveContext(context, request, response);
            PageSessionTokens.signedInUntil(request, accessToken);
            if (member.getPrincipal() instanceof StaffMember who) {
                AccessAttempt.of(request).ifPresent(attempt -> attempt.authenticated(who));
            }
            next.onAuthenticationSuccess(request, response, member);
        };
    }

    /** Keeps the ID token of the session being ended for the provider's end-session request. */
    LogoutHandler endingSession() {
        return (request, response, authentication) -> {
            HttpSession session = request.getSession(false);
            if (session != null && session.getAttribute(ID_TOKEN) != null) {
                request.setAttribute(ID_TOKEN, session.getAttribute(ID_TOKEN));
            }
        };
    }

    /**
     * Ends the provider's session too (RP-initiated logout) when the provider names an end-session
     * endpoint, coming back to the sign-in page; else straight back to it.
     */
    LogoutSuccessHandler signedOut() {
        return (request, response, authentication) -> {
            String back = UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
                    .replacePath(request.getContextPath() + "/login")
                    .replaceQuery("signed-out")
                    .fragment(null)
                    .build()
                    .toUriString();
            Object endSession;
            try {
                endSession = registration
                        .get()
                        .getProviderDetails()
                        .getConfigurationMetadata()
                        .get("end_session_endpoint");
            } catch (RuntimeException providerUnreachable) {
                endSession = null;
            }
            Object idToken = request.getAttribute(ID_TOKEN);
            if (endSession == null || idToken == null) {
                response.sendRedirect(request.getContextPath() + "/login?signed-out");
                return;
            }
            response.sendRedirect(UriComponentsBuilder.fromUriString(endSession.toString())
                    .queryParam("client_id", client.clientId())
                    .queryParam("id_token_hint", idToken)
                    .queryParam("post_logout_redirect_uri", back)
                    .encode()
                    .build()
                    .toUriString());
        };
    }

    /** Shows the sign-in page with the refusal. */
    @FunctionalInterface
    interface Refused {
        void show(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }
}
