package org.smpledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** A verified token is checked once per TTL, never remembered past its expiry, and a refused one never. */
class VerifiedTokensTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final AtomicInteger checks = new AtomicInteger();

    private JwtDecoder verifier(Instant expiresAt) {
        return token -> {
            checks.incrementAndGet();
            if (token.startsWith("bad")) {
                throw new BadJwtException("bad signature");
            }
            return Jwt.withTokenValue(token)
                    .header("alg", "RS256")
                    .subject("anna")
                    .issuedAt(Instant.parse("2026-11-25T09:00:00Z"))
                    .expiresAt(expiresAt)
                    .build();
        };
    }

    @Test
    void aVerifiedTokenIsCheckedOncePerTtl() {
        VerifiedTokens tokens = new VerifiedTokens(
                verifier(clock.instant().plus(Duration.ofHours(1))), Duration.ofSeconds(60), 100, clock);
        for (int i = 0; i < 5; i++) {
            assertThat(tokens.decode("token-a").getSubject()).isEqualTo("anna");
        }
        assertThat(checks).hasValue(1);
        tokens.decode("token-b");
        assertThat(checks).as("another token is checked on its own").hasValue(2);
        clock.advance(Duration.ofSeconds(61));
        tokens.decode("token-a");
        assertThat(checks).hasValue(3);
    }

    @Test
    void aTokenIsNeverRememberedPastItsExpiryAndARefusedOneNever() {
        VerifiedTokens tokens = new VerifiedTokens(
                verifier(clock.instant().plus(Duration.ofSeconds(10))), Duration.ofSeconds(60), 100, clock);
        tokens.decode("token-a");
        clock.advance(Duration.ofSeconds(11));
        tokens.decode("token-a");
        assertThat(checks)
                .as("checked again once it expired (and refused by the real checks then)")
                .hasValue(2);

        assertThatThrownBy(() -> tokens.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThat(checks).hasValue(4);
    }
}
