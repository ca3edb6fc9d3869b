package org.smpledger.personaldata;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key-encryption key held by the service itself: an AES-256 key from a PKCS#12 keystore file or
 * from text (base64, e.g. an environment variable). Wraps client keys with AES-256-GCM, the client
 * id as associated data.
 */
public final class LocalKeyEncryptionKey implements KeyEncryptionKey {

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
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key-encryption key is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(
                    "the key-encryption key must be 32 bytes (256 bits) in base64, got " + bytes.length + " bytes");
        }
        return new LocalKeyEncryptionKey(new SecretKeySpec(bytes, "AES"));
    }

    /** The secret-key entry {@code alias} of a PKCS#12 keystore file. */
    public static LocalKeyEncryptionKey fromKeystore(Path file, char[] password, String alias) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!(store.getKey(alias, password) instanceof SecretKey secret)) {
                throw new IllegalArgumentException("keystore " + file + " has no secret key '" + alias + "'");
            }
            return new LocalKeyEncryptionKey(secret);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot read the key-encryption key from " + file + ": " + e.getMessage());
        }
    }

    /** Writes a new random key as the secret-key entry {@code alias} of a new PKCS#12 keystore file (owner-only). */
    public static LocalKeyEncryptionKey createKeystore(Path file, char[] password, String alias) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        SecretKey secret = new SecretKeySpec(bytes, "AES");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            store.setEntry(alias, new KeyStore.SecretKeyEntry(secret), new KeyStore.PasswordProtection(password));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".new");
            try (OutputStream out = Files.newOutputStream(partial)) {
                store.store(out, password);
            }
            ownerOnly(partial);
            Files.move(partial, file);
            return new LocalKeyEncryptionKey(secret);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write a key-encryption key to " + file + ": " + e.getMessage(), e);
        }
    }

    static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access control applies
        }
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
