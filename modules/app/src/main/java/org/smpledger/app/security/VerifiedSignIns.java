package org.smpledger.app.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers, for a short while, credentials whose BCrypt check succeeded, so that a client sending
 * the same HTTP Basic credentials on every request pays for BCrypt once per {@code ttl} instead of
 * on every request. Entries are keyed by an HMAC-SHA256 of username and password under a key drawn
 * at random when the service starts and never stored: the map holds no password and nothing that
 * can be checked against a password outside this process. A user's entries are forgotten when the
 * user is locked; another instance's entries live out their {@code ttl} (docs/security.md).
 */
final class VerifiedSignIns {

    private record Remembered(StaffMember member, Instant until) {}

    private final Duration ttl;
    private final int capacity;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final ThreadLocal<Mac> macs;

    VerifiedSignIns(Duration ttl, int capacity, Clock clock) {
        this.ttl = ttl;
        this.capacity = capacity;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    String keyOf(String username, String password) {
        Mac mac = macs.get();
        mac.update(username.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    }

    Optional<StaffMember> find(String key) {
        if (ttl.isZero()) {
            return Optional.empty();
        }
        Remembered entry = remembered.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.until().isAfter(clock.instant())) {
            remembered.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.member());
    }

    void remember(String key, StaffMember member) {
        if (ttl.isZero()) {
            return;
        }
        Instant now = clock.instant();
        if (remembered.size() >= capacity) {
            remembered.values().removeIf(entry -> !entry.until().isAfter(now));
        }
        if (remembered.size() < capacity) {
            remembered.put(key, new Remembered(member, now.plus(ttl)));
        }
    }

    void forget(String username) {
        remembered.values().removeIf(entry -> entry.member().userId().equals(username));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
