package org.smpledger.app.security;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.accesslog.AccessRecord;
import org.smpledger.app.access.AccessAttempt;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.thymeleaf.ITemplateEngine;

/**
 * The clinic's web pages: signed in through a sign-in form into a session (local users), or at the
 * identity provider when one is configured ({@link IdentityProviderSignIn}), with CSRF
 * protection on every form, and admitted by the {@link Admits} of the page's controller method like
 * the API. The API keeps its own chain (HTTP Basic or bearer tokens, no session). A refused sign-in
 * answers 401 with the form again and is recorded in the access log like the API's.
 */
@Configuration(proxyBeanMethods = false)
public class PageSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PageSecurityConfiguration.class);

    /** The pages' paths; everything else belongs to the API's chain. */
    static final String[] PAGES = {
        "/",
        "/login",
        "/login/oauth2/code/*",
        "/oauth2/authorization/*",
        "/logout",
        "/clients",
        "/clients/**",
        "/risk-flags",
        "/lots",
        "/lots/**",
        "/audit",
        "/audit/**",
        "/assets/**",
        "/webjars/**"
    };

    @Bean
    @Order(1)
    SecurityFilterChain pageSecurity(
            HttpSecurity http,
            IdentityProperties identity,
            LocalUsers users,
            SignInLockout lockout,
            Endpoints endpoints,
            Clock clock,
            ITemplateEngine templates)
            throws Exception {
        VerifiedSignIns verified =
                new VerifiedSignIns(identity.verifiedSignInTtl(), identity.verifiedSignInCapacity(), clock);
        RefusalPages pages = new RefusalPages(templates);
        AuthenticationFailureHandler refused = (request, response, exception) -> {
            AccessAttempt.of(request).ifPresent(attempt -> attempt.refused(reason(exception), named(exception)));
            pages.render("pages/login", 401, Map.of("failed", true, "identityProvider", false), request, response);
        };
        AccessDeniedHandler denied = (request, response, refusal) -> {
            String reason = refusal instanceof CsrfException ? "csrf-token-missing-or-wrong" : "role-not-admitted";
            AccessAttempt.of(request).ifPresent(attempt -> attempt.refused(reason, null));
            Map<String, Object> page = new java.util.HashMap<>();
            page.put("viewer", Viewers.current());
            pages.render("pages/denied", 403, page, request, response);
        };
        http.securityMatcher(PAGES);
        if (identity.jwt().enabled() && identity.pageSignIn().enabled()) {
            signInAtTheIdentityProvider(http, identity, clock, pages);
        } else {
            if (identity.jwt().enabled()) {
                log.warn("The pages admit nobody: sign-in is through the identity provider (smp.security.jwt), and "
                        + "smp.security.page-sign-in.client-id is not set (docs/security.md)");
            }
            http.authenticationManager(new ProviderManager(new LocalSignIn(users, lockout, verified, clock)))
                    .formLogin(form -> form.loginPage("/login")
                            .defaultSuccessUrl("/clients", false)
                            .failureHandler(refused)
                            .permitAll())
                    .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"));
        }
        http.authorizeHttpRequests(
                        requests -> requests.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
                                .permitAll()
                                .requestMatchers("/login", "/assets/**", "/webjars/**")
                                .permitAll()
                                .anyRequest()
                                .access(new AdmittedRoles(endpoints)))
                .exceptionHandling(refusals -> refusals.accessDeniedHandler(denied))
                .headers(headers -> headers.contentSecurityPolicy(
                                policy -> policy.policyDirectives(
                                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(
                        new SecurityConfiguration.NoteAuthenticated(),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Pages sign in at the identity provider (authorization code flow) into a session holding the
     * staff member its access token names; signing out ends the provider's session too when it
     * names an end-session endpoint.
     */
    private static void signInAtTheIdentityProvider(
            HttpSecurity http, IdentityProperties identity, Clock clock, RefusalPages pages) throws Exception {
        IdentityProviderSignIn signIn = new IdentityProviderSignIn(identity.jwt(), identity.pageSignIn());
        TokenSignIn tokens =
                new TokenSignIn(identity.jwt(), clock, identity.verifiedSignInTtl(), identity.verifiedSignInCapacity());
        ClientRegistrationRepository registrations = signIn.registrations();
        OAuth2AuthorizedClientRepository authorized = new HttpSessionOAuth2AuthorizedClientRepository();
        AuthenticationFailureHandler failed = (request, response, exception) -> {
            AccessAttempt.of(request).ifPresent(attempt -> attempt.refused("identity-provider-refused", null));
            pages.render("pages/login", 401, Map.of("failed", true, "identityProvider", true), request, response);
        };
        http.oauth2Login(login -> login.loginPage("/login")
                        .clientRegistrationRepository(registrations)
                        .authorizedClientRepository(authorized)
                        .successHandler(signIn.signedIn(
                                tokens.decoder(),
                                tokens.staffMember(),
                                authorized,
                                (request, response) -> pages.render(
                                        "pages/login",
                                        403,
                                        Map.of("tokenRefused", true, "identityProvider", true),
                                        request,
                                        response)))
                        .failureHandler(failed)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout")
                        .addLogoutHandler(signIn.endingSession())
                        .logoutSuccessHandler(signIn.signedOut()))
                .addFilterBefore(
                        new PageSessionTokens(
                                authorized,
                                new RestClientRefreshTokenTokenResponseClient(),
                                tokens.decoder(),
                                tokens.staffMember(),
                                clock,
                                identity.jwt().clockSkew()),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class);
        log.info(
                "Pages sign in at the identity provider {} as client {}",
                identity.jwt().expectedIssuer(),
                identity.pageSignIn().clientId());
    }

    private static String reason(org.springframework.security.core.AuthenticationException refusal) {
        return refusal instanceof SignInRefused signIn ? signIn.reason().code() : "bad-credentials";
    }

    private static AccessRecord.Agent named(org.springframework.security.core.AuthenticationException refusal) {
        if (refusal instanceof SignInRefused signIn && signIn.user() != null) {
            return new AccessRecord.Agent(
                    signIn.user().username(), null, signIn.user().clinicId(), null);
        }
        return null;
    }
}
