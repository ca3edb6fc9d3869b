package org.smpledger.personaldata;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** 256-bit secret keys the service holds itself: from base64 text, or a PKCS#12 keystore's secret-key entry. */
final class SecretKeys {

    private SecretKeys() {}

    /** 32 bytes in base64; {@code what} names the key in the message of a mistake. */
    static SecretKey fromBase64(String base64, String what, String algorithm) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(
                    what + " must be 32 bytes (256 bits) in base64, got " + bytes.length + " bytes");
        }
        return new SecretKeySpec(bytes, algorithm);
    }

    static SecretKey fromKeystore(Path file, char[] password, String alias, String what) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!(store.getKey(alias, password) instanceof SecretKey secret)) {
                throw new IllegalArgumentException("keystore " + file + " has no secret key '" + alias + "'");
            }
            return secret;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read " + what + " from " + file + ": " + e.getMessage());
        }
    }

    /** A new random 256-bit key, written as the secret-key entry {@code alias} of a new PKCS#12 file (owner-only). */
    static SecretKey createKeystore(Path file, char[] password, String alias, String algorithm, String what) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        SecretKey secret = new SecretKeySpec(bytes, algorithm);
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
            return secret;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + what + " to " + file + ": " + e.getMessage(), e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access control applies
        }
    }
}
