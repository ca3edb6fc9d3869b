package org.smpledger.app.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An identity provider for tests: an RSA key pair, its public JWK set served on loopback, and
 * real signed tokens (or deliberately broken ones) for the service's issuer and audience.
 */
public final class TestIdentityProvider implements AutoCloseable {

    public static final String ISSUER = "https://idp.test/realms/smp";
    public static final String AUDIENCE = "smp-ledger-api";

    private final RSAKey key;
    private final RSAKey stranger;
    private final HttpServer server;

    public TestIdentityProvider() throws JOSEException, IOException {
        this.key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        this.stranger = new RSAKeyGenerator(2048).keyID("test-key").generate();
        byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(keys);
            }
        });
        server.start();
    }

    /** Answers {@code path} on the provider's address too (a token endpoint, say). */
    public void serve(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    /** The provider's address: {@code http://127.0.0.1:port}. */
    public String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** Claims of a valid token of {@code user}, practitioner of {@code clinic}, valid from a minute ago for an hour. */
    public static JWTClaimsSet.Builder claims(String user, String clinic, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE, "account"))
                .subject("sub-" + user)
                .claim("preferred_username", user)
                .claim("clinic_id", clinic)
                .claim("roles", List.of(roles))
                .issueTime(Date.from(now.minusSeconds(60)))
                .notBeforeTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    public String signed(JWTClaimsSet.Builder claims) throws JOSEException {
        return sign(claims, key);
    }

    String signed(UnaryOperator<JWTClaimsSet.Builder> change, String user, String clinic, String... roles)
            throws JOSEException {
        return sign(change.apply(claims(user, clinic, roles)), key);
    }

    /** Signed by a key the provider does not publish, under the same key id. */
    String signedByStranger(JWTClaimsSet.Builder claims) throws JOSEException {
        return sign(claims, stranger);
    }

    /** No signature at all: {@code alg: none}. */
    static String unsigned(JWTClaimsSet.Builder claims) {
        return new PlainJWT(claims.build()).serialize();
    }

    /** HS256 with the provider's public key as the shared secret: the old algorithm-confusion trick. */
    String signedWithPublicKeyAsSecret(JWTClaimsSet.Builder claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims.build());
        jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
        return jwt.serialize();
    }

    private static String sign(JWTClaimsSet.Builder claims, RSAKey with) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(with.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
