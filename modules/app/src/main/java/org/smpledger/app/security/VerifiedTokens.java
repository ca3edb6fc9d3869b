package org.smpledger.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers bearer tokens that passed every check, for {@code ttl} but never past their own
 * {@code exp}, so that a client sending the same token on every request pays for the signature
 * check once per {@code ttl} (the RS256 verification is most of the cost of a bearer request).
 * Keyed by a SHA-256 of the token; only tokens that were fully verified are remembered.
 */
final class VerifiedTokens implements JwtDecoder {

    private record Remembered(Jwt jwt, Instant until) {}

    private final JwtDecoder verifier;
    private final Duration ttl;
    private final int capacity;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder verifier, Duration ttl, int capacity, Clock clock) {
        this.verifier = verifier;
        this.ttl = ttl;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        if (ttl.isZero()) {
            return verifier.decode(token);
        }
        String key = digest(token);
        Instant now = clock.instant();
        Remembered entry = remembered.get(key);
        if (entry != null && entry.until().isAfter(now)) {
            return entry.jwt();
        }
        if (entry != null) {
            remembered.remove(key, entry);
        }
        Jwt jwt = verifier.decode(token);
        Instant until = now.plus(ttl);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (remembered.size() >= capacity) {
            remembered.values().removeIf(old -> !old.until().isAfter(now));
        }
        if (remembered.size() < capacity && until.isAfter(now)) {
            remembered.put(key, new Remembered(jwt, until));
        }
        return jwt;
    }

    private static String digest(String token) {
        try {
            return Base64.getEncoder()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
