package org.smpledger.app.security;

import com.mongodb.client.MongoDatabase;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.app.access.AccessAttempt;
import org.smpledger.app.http.ProblemResponses;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may do what (docs/security.md). Every request is authenticated (HTTP Basic against the local
 * users, or a bearer token from the identity provider when {@code smp.security.jwt} is set) and then
 * admitted by the {@link Admits} of the endpoint it reaches. Anonymous callers get only the health
 * status, the OpenAPI document and Swagger UI (no data); other actuator endpoints and health
 * details need clinic-admin. The API keeps no session and sets no cookie, so there is nothing for
 * CSRF to ride on; the clinic's web pages have a chain of their own, with sign-in and CSRF ({@link PageSecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String[] DOCUMENTATION = {
        "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"
    };

    @Bean
    Endpoints endpoints(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
        return new Endpoints(mapping);
    }

    @Bean
    LocalUsers localUsers(IdentityProperties identity, @Value("${smp.demo-data:false}") boolean demoData) {
        if (identity.jwt().enabled()) {
            if (!identity.users().isEmpty()) {
                log.warn("smp.security.users are ignored: sign-in is through the identity provider (smp.security.jwt)");
            }
            return LocalUsers.of(List.of(), false);
        }
        return LocalUsers.of(identity.users(), demoData);
    }

    @Bean
    SignInLockout signInLockout(MongoDatabase database, IdentityProperties identity, Clock clock) {
        return new SignInLockout(database.getCollection(identity.lockout().collection()), identity.lockout(), clock);
    }

    @Bean
    SecurityFilterChain serviceSecurity(
            HttpSecurity http,
            IdentityProperties identity,
            LocalUsers users,
            SignInLockout lockout,
            Endpoints endpoints,
            ProblemResponses problems,
            Clock clock)
            throws Exception {
        Refusals refusals = new Refusals(problems, endpoints, identity.jwt().enabled());
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .exceptionHandling(
                        refused -> refused.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .authorizeHttpRequests(requests -> requests.requestMatchers(DOCUMENTATION)
                        .permitAll()
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class))
                        .permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint())
                        .hasAuthority(Role.CLINIC_ADMIN.authority())
                        .dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .anyRequest()
                        .access(new AdmittedRoles(endpoints)))
                .addFilterBefore(new NoteAuthenticated(), AuthorizationFilter.class);
        if (identity.jwt().enabled()) {
            TokenSignIn tokens = new TokenSignIn(
                    identity.jwt(), clock, identity.verifiedSignInTtl(), identity.verifiedSignInCapacity());
            http.oauth2ResourceServer(resource -> resource.jwt(jwt ->
                                    jwt.decoder(tokens.decoder()).jwtAuthenticationConverter(tokens.staffMember()))
                            .authenticationEntryPoint(refusals)
                            .accessDeniedHandler(refusals))
                    .httpBasic(AbstractHttpConfigurer::disable);
        } else {
            VerifiedSignIns verified =
                    new VerifiedSignIns(identity.verifiedSignInTtl(), identity.verifiedSignInCapacity(), clock);
            http.authenticationManager(new ProviderManager(new LocalSignIn(users, lockout, verified, clock)))
                    .httpBasic(basic -> basic.authenticationEntryPoint(refusals));
        }
        return http.build();
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce(ApplicationReadyEvent ready) {
        IdentityProperties identity = ready.getApplicationContext().getBean(IdentityProperties.class);
        LocalUsers users = ready.getApplicationContext().getBean(LocalUsers.class);
        if (identity.jwt().enabled()) {
            log.info(
                    "Sign-in: bearer tokens of issuer {} for audience {}",
                    identity.jwt().expectedIssuer(),
                    identity.jwt().audience());
        } else if (users.isEmpty()) {
            log.warn(
                    "No users are configured and demo data is off, so every request is refused. Add a user: "
                            + "smp.security.users[0].username, .password-hash (make one with `java -jar smp-app.jar hash-password`), "
                            + ".clinic and .roles; or set smp.security.jwt.issuer-uri for an identity provider (docs/security.md).");
        } else {
            boolean demo = users.all().stream().anyMatch(user -> DemoUsers.all().contains(user));
            log.info("Sign-in: HTTP Basic, {} local users", users.all().size());
            if (demo) {
                log.warn(
                        "Demo users with the published password '{}' are active (smp.demo-data=true): "
                                + "never run a real clinic with demo data on.",
                        DemoUsers.PASSWORD);
            }
        }
    }

    /** Tells the request's access attempt who was authenticated, once the authentication filters have run. */
    static final class NoteAuthenticated extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof StaffMember member) {
                AccessAttempt.of(request).ifPresent(attempt -> attempt.authenticated(member));
            }
            chain.doFilter(request, response);
        }
    }
}
