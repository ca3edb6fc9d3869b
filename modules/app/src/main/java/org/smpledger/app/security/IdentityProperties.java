package org.smpledger.app.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code smp.security.*}: who may sign in and how (docs/security.md).
 *
 * @param users             local users (HTTP Basic), used when no identity provider is configured
 * @param jwt               the identity provider whose bearer tokens are accepted instead
 * @param pageSignIn        how the pages sign in through that identity provider (authorization code flow)
 * @param lockout           when repeated failed sign-ins lock a local user
 * @param verifiedSignInTtl how long a successful password check is remembered (in memory, by a keyed
 *                          hash of the credentials) so that not every request pays for BCrypt
 */
@ConfigurationProperties(prefix = "smp.security")
public record IdentityProperties(
        @DefaultValue List<User> users,
        @DefaultValue Jwt jwt,
        @DefaultValue PageSignIn pageSignIn,
        @DefaultValue Lockout lockout,
        @DefaultValue("60s") Duration verifiedSignInTtl,
        @DefaultValue("10000") int verifiedSignInCapacity) {

    /**
     * A local user. {@code passwordHash} is a BCrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$});
     * a plain password is refused at start-up. {@code roles} are names from {@link Role}.
     */
    public record User(String username, String passwordHash, String clinic, List<String> roles) {}

    /**
     * The identity provider. Set {@code issuerUri} (OpenID Connect discovery) or {@code jwkSetUri}
     * (then {@code issuer} too); {@code audience} is required. Claim names may be dotted paths into
     * nested claims (e.g. {@code realm_access.roles}).
     */
    public record Jwt(
            @DefaultValue("") String issuerUri,
            @DefaultValue("") String jwkSetUri,
            @DefaultValue("") String issuer,
            @DefaultValue("") String audience,
            @DefaultValue("clinic_id") String clinicClaim,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("sub") String userClaim,
            @DefaultValue("RS256") List<String> algorithms,
            @DefaultValue("30s") Duration clockSkew) {

        public boolean enabled() {
            return !issuerUri.isBlank() || !jwkSetUri.isBlank();
        }

        /** The {@code iss} every token must carry. */
        public String expectedIssuer() {
            return issuer.isBlank() ? issuerUri : issuer;
        }
    }

    /**
     * The pages' sign-in at the identity provider of {@code jwt} (OpenID Connect, authorization code
     * flow): the service is the confidential client {@code clientId}. The endpoints are read from the
     * provider's discovery document ({@code jwt.issuer-uri}) on the first sign-in unless given here;
     * give them when the browser reaches the provider at another address than the service does
     * ({@code authorizationUri} and {@code endSessionUri} as the browser sees them, {@code tokenUri} as the
     * service does). The access token it gets must pass the same checks as the API's bearer tokens.
     */
    public record PageSignIn(
            @DefaultValue("") String clientId,
            @DefaultValue("") String clientSecret,
            @DefaultValue("") String authorizationUri,
            @DefaultValue("") String tokenUri,
            @DefaultValue("") String endSessionUri,
            @DefaultValue({"openid", "profile"}) List<String> scopes) {

        public boolean enabled() {
            return !clientId.isBlank();
        }
    }

    /**
     * @param maxFailures failed sign-ins of one user within {@code within} that lock it
     * @param lockFor     how long it stays locked
     * @param collection  the MongoDB collection of failure counts and locks (shared by every instance)
     */
    public record Lockout(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("15m") Duration within,
            @DefaultValue("15m") Duration lockFor,
            @DefaultValue("sign_in_failures") String collection) {

        public Lockout {
            if (maxFailures < 1) {
                throw new IllegalArgumentException("smp.security.lockout.max-failures must be at least 1");
            }
        }
    }
}
