package org.smpledger.personaldata;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fingerprint of a request that came with an {@code Idempotency-Key}, kept in its events' metadata so
 * a retry with the same key is recognised: HMAC-SHA256 under a secret key of the service, so nobody who
 * reads the events can confirm a guess of what a request held (a registration's name and birth date,
 * say) by hashing the guess. Written {@code hmac-sha256:<hex>}; fingerprints stored before there was a
 * key are plain SHA-256 hex ({@link #unkeyed(String)}).
 */
public final class RequestFingerprints {

    public static final String PREFIX = "hmac-sha256:";
    private static final String WHAT = "the request fingerprint key";

    private final SecretKey key;
    private final ThreadLocal<Mac> macs;

    public RequestFingerprints(SecretKey key) {
        if (key.getEncoded() == null || key.getEncoded().length != 32) {
            throw new IllegalArgumentException(WHAT + " must be 256 bits");
        }
        this.key = new SecretKeySpec(key.getEncoded(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public static RequestFingerprints fromBase64(String base64) {
        return new RequestFingerprints(SecretKeys.fromBase64(base64, WHAT, "HmacSHA256"));
    }

    public static RequestFingerprints fromKeystore(Path file, char[] password, String alias) {
        return new RequestFingerprints(SecretKeys.fromKeystore(file, password, alias, WHAT));
    }

    public static RequestFingerprints createKeystore(Path file, char[] password, String alias) {
        return new RequestFingerprints(SecretKeys.createKeystore(file, password, alias, "HmacSHA256", WHAT));
    }

    /** {@code hmac-sha256:} and the hex of HMAC-SHA256 of the request's canonical text. */
    public String of(String canonicalRequest) {
        Mac mac = macs.get();
        return PREFIX + HexFormat.of().formatHex(mac.doFinal(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether a stored fingerprint is keyed; one that is not was written before there was a key. */
    public static boolean keyed(String fingerprint) {
        return fingerprint != null && fingerprint.startsWith(PREFIX);
    }

    /**
     * The fingerprint as versions without a key wrote it (SHA-256 hex), to recognise a retry of a request
     * first recorded by such a version. Never stored: it travels only with the command.
     */
    public static String unkeyed(String canonicalRequest) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(WHAT + " is not usable: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
