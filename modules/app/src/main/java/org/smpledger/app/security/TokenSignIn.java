package org.smpledger.app.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Bearer tokens from the clinic's identity provider ({@code smp.security.jwt.*}). A token is
 * admitted only when its signature verifies against the provider's keys with one of the configured
 * algorithms (never {@code none}: an unsigned token is not even parsed as one), its {@code iss} is
 * the configured issuer, its {@code aud} names the configured audience, it has an {@code exp} that
 * has not passed and no {@code nbf} still to come (both with {@code clock-skew}), and it carries a
 * clinic claim. Its user, clinic and roles become the {@link StaffMember}.
 */
final class TokenSignIn {

    private final IdentityProperties.Jwt settings;
    private final Clock clock;
    private final Duration remember;
    private final int capacity;

    TokenSignIn(IdentityProperties.Jwt settings, Clock clock, Duration remember, int capacity) {
        if (settings.expectedIssuer().isBlank()) {
            throw new IllegalStateException("smp.security.jwt.issuer is required with smp.security.jwt.jwk-set-uri");
        }
        if (settings.audience().isBlank()) {
            throw new IllegalStateException(
                    "smp.security.jwt.audience is required: the audience your identity provider "
                            + "puts in the service's tokens (docs/security.md)");
        }
        if (settings.algorithms().isEmpty()) {
            throw new IllegalStateException("smp.security.jwt.algorithms must name at least one signature algorithm");
        }
        settings.algorithms().forEach(TokenSignIn::algorithm);
        this.settings = settings;
        this.clock = clock;
        this.remember = remember;
        this.capacity = capacity;
    }

    /**
     * Fetches the provider's metadata and keys on first use, so the service starts while the
     * provider is down; a verified token is remembered for {@code smp.security.verified-sign-in-ttl}
     * (never past its {@code exp}).
     */
    JwtDecoder decoder() {
        return new VerifiedTokens(verifier(), remember, capacity, clock);
    }

    JwtDecoder verifier() {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder =
                    settings.jwkSetUri().isBlank()
                            ? NimbusJwtDecoder.withIssuerLocation(settings.issuerUri())
                            : NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri());
            NimbusJwtDecoder decoder = builder.jwsAlgorithms(algorithms -> {
                        algorithms.clear();
                        settings.algorithms().forEach(name -> algorithms.add(algorithm(name)));
                    })
                    .build();
            decoder.setJwtValidator(validator());
            return decoder;
        });
    }

    OAuth2TokenValidator<Jwt> validator() {
        JwtTimestampValidator times = new JwtTimestampValidator(settings.clockSkew());
        times.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(List.of(
                times,
                required(JwtClaimNames.EXP, "the token has no expiry"),
                new JwtIssuerValidator(settings.expectedIssuer()),
                token -> token.getAudience() != null && token.getAudience().contains(settings.audience())
                        ? OAuth2TokenValidatorResult.success()
                        : failure("the token is not meant for this service (aud)"),
                token -> text(claim(token, settings.clinicClaim())).isPresent()
                        ? OAuth2TokenValidatorResult.success()
                        : failure("the token names no clinic (" + settings.clinicClaim() + ")")));
    }

    Converter<Jwt, AbstractAuthenticationToken> staffMember() {
        return token -> {
            String user = text(claim(token, settings.userClaim())).orElse(token.getSubject());
            String clinic = text(claim(token, settings.clinicClaim())).orElseThrow();
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String name : names(claim(token, settings.rolesClaim()))) {
                Role.named(name).ifPresent(roles::add);
            }
            String issuer = token.getIssuer() == null
                    ? settings.expectedIssuer()
                    : token.getIssuer().toString();
            return new StaffAuthentication(new StaffMember(user, clinic, roles, issuer));
        };
    }

    private static OAuth2TokenValidator<Jwt> required(String claim, String description) {
        return token -> token.hasClaim(claim) ? OAuth2TokenValidatorResult.success() : failure(description);
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }

    private static SignatureAlgorithm algorithm(String name) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.from(name.trim());
        if (algorithm == null) {
            throw new IllegalStateException("smp.security.jwt.algorithms: unknown signature algorithm '" + name
                    + "' (RS256, RS384, RS512, ES256, ES384, ES512, PS256, PS384, PS512)");
        }
        return algorithm;
    }

    /** A claim by name, or by a dotted path into nested claims ({@code realm_access.roles}). */
    private static Object claim(Jwt token, String path) {
        Object value = token.getClaims().get(path);
        if (value != null || !path.contains(".")) {
            return value;
        }
        Object current = token.getClaims();
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    /** A single non-blank text: a string, or a list holding exactly one. */
    private static Optional<String> text(Object value) {
        if (value instanceof Collection<?> values && values.size() == 1) {
            value = values.iterator().next();
        }
        return value instanceof String string && !string.isBlank() ? Optional.of(string.trim()) : Optional.empty();
    }

    /** Role names: a list, or one string of names separated by spaces or commas. */
    private static List<String> names(Object value) {
        List<String> names = new ArrayList<>();
        if (value instanceof Collection<?> values) {
            values.forEach(v -> names.add(String.valueOf(v)));
        } else if (value instanceof String string) {
            names.addAll(List.of(string.trim().split("[\\s,]+")));
        }
        return names;
    }
}
