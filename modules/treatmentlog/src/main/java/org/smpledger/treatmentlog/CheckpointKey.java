package org.smpledger.treatmentlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.smpledger.verifier.checkpoint.Ed25519Keys;
import org.smpledger.verifier.checkpoint.FormatException;
import org.smpledger.verifier.checkpoint.KeyFiles;
import org.smpledger.verifier.checkpoint.LogSigner;

/**
 * The deployment's checkpoint signing key, from the first of: the key itself in configuration (PEM
 * text or base64 PKCS#8), a PKCS#12 keystore, a PEM file. A missing PEM file is created (Ed25519,
 * owner-readable only) when {@code createIfMissing}: the embedded default's first start.
 *
 * @param signer      signs the log's checkpoints
 * @param source      where the key came from, for the start-up log (a path or "configuration"; never the key)
 * @param created     whether this start created the key file
 */
public record CheckpointKey(LogSigner signer, String source, boolean created) {

    /** Where to find the key; the first one given wins. */
    public record Source(
            String origin,
            String configuredKey,
            Path keystore,
            String keystoreAlias,
            char[] keystorePassword,
            Path keyFile,
            boolean createIfMissing) {}

    /** Thrown with a one-line reason when no usable key can be had. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    public static CheckpointKey load(Source source) {
        try {
            return loadOrCreate(source);
        } catch (FormatException e) {
            throw new Unavailable("checkpoint key: " + e.getMessage());
        } catch (IOException e) {
            throw new Unavailable("checkpoint key: cannot read or write " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Unavailable("checkpoint key: " + e.getMessage());
        }
    }

    private static CheckpointKey loadOrCreate(Source source) throws FormatException, IOException {
        if (source.configuredKey() != null && !source.configuredKey().isBlank()) {
            return new CheckpointKey(
                    new LogSigner(source.origin(), fromText(source.configuredKey())), "configuration", false);
        }
        if (source.keystore() != null) {
            PrivateKey key = KeyFiles.readPrivateKey(
                    source.keystore(),
                    source.keystoreAlias(),
                    source.keystorePassword() == null ? new char[0] : source.keystorePassword());
            return new CheckpointKey(
                    new LogSigner(source.origin(), key),
                    source.keystore().toAbsolutePath() + " (alias " + source.keystoreAlias() + ")",
                    false);
        }
        if (source.keyFile() == null) {
            throw new FormatException("no key configured: give a key, a keystore or a key file");
        }
        Path file = source.keyFile().toAbsolutePath();
        boolean created = false;
        if (!Files.exists(file)) {
            if (!source.createIfMissing()) {
                throw new FormatException(file + " does not exist (and creating a key is off)");
            }
            KeyFiles.writePrivateKey(file, Ed25519Keys.generate().getPrivate());
            created = true;
        }
        return new CheckpointKey(
                new LogSigner(source.origin(), KeyFiles.readPrivateKey(file)), file.toString(), created);
    }

    /** A PEM private key, or the base64 of its PKCS#8 bytes (for an environment variable). */
    private static PrivateKey fromText(String text) throws FormatException {
        String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        if (text.contains("ENCRYPTED")) {
            throw new FormatException("an encrypted key in configuration; keep a password-protected key in a keystore");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new FormatException("the configured key is neither PEM nor base64");
        }
        try {
            PrivateKey key =
                    KeyFactory.getInstance(Ed25519Keys.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
            Ed25519Keys.publicKeyOf(key);
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new FormatException("the configured key is not an Ed25519 private key (PKCS#8)");
        }
    }
}
