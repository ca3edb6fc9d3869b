package org.smpledger.personaldata;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key-encryption key held by the service itself: an AES-256 key from a PKCS#12 keystore file or
 * from text (base64, e.g. an environment variable). Wraps client keys with AES-256-GCM, the client
 * id as associated data.
 */
public final class LocalKeyEncryptionKey implements KeyEncryptionKey {

    private static final String WHAT = "the key-encryption key";

    private final SecretKey key;
    private final String id;

    public LocalKeyEncryptionKey(SecretKey key) {
        if (key.getEncoded() == null || key.getEncoded().length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be a 256-bit AES key");
        }
        this.key = new SecretKeySpec(key.getEncoded(), "AES");
        this.id = fingerprint(key.getEncoded());
    }

    /** From 32 bytes in base64. */
    public static LocalKeyEncryptionKey fromBase64(String base64) {
        return new LocalKeyEncryptionKey(SecretKeys.fromBase64(base64, WHAT, "AES"));
    }

    /** The secret-key entry {@code alias} of a PKCS#12 keystore file. */
    public static LocalKeyEncryptionKey fromKeystore(Path file, char[] password, String alias) {
        return new LocalKeyEncryptionKey(SecretKeys.fromKeystore(file, password, alias, WHAT));
    }

    /** Writes a new random key as the secret-key entry {@code alias} of a new PKCS#12 keystore file (owner-only). */
    public static LocalKeyEncryptionKey createKeystore(Path file, char[] password, String alias) {
        return new LocalKeyEncryptionKey(SecretKeys.createKeystore(file, password, alias, "AES", WHAT));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public byte[] wrap(byte[] clientKey, String clientId) {
        return FieldCipher.seal(key, clientKey, context(clientId));
    }

    @Override
    public byte[] unwrap(byte[] wrapped, String clientId) {
        return FieldCipher.open(key, wrapped, context(clientId));
    }

    private static byte[] context(String clientId) {
        return ("smp-client-key|" + clientId).getBytes(StandardCharsets.UTF_8);
    }

    /** The first 8 bytes of SHA-256 of the key, as hex: names it without revealing it. */
    private static String fingerprint(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return "local:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
