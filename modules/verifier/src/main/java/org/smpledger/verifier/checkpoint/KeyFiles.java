package org.smpledger.verifier.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reading and writing the log's keys: the private key from a PEM file (PKCS#8, as
 * {@code openssl genpkey -algorithm ed25519} writes it) or a PKCS#12 keystore (as
 * {@code keytool -genkeypair -keyalg Ed25519} makes it); the public key as a signed-note verifier
 * key line, a PEM public key or a PEM certificate. Every problem is a one-line {@link FormatException}.
 */
public final class KeyFiles {

    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String PUBLIC_KEY = "PUBLIC KEY";
    private static final String CERTIFICATE = "CERTIFICATE";

    private KeyFiles() {}

    public static PrivateKey readPrivateKey(Path pemFile) throws FormatException, IOException {
        String text = readText(pemFile);
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new FormatException(
                    pemFile + ": an encrypted PEM key; keep a password-protected key in a PKCS#12 keystore");
        }
        byte[] der = pemBlock(text, PRIVATE_KEY, pemFile);
        try {
            PrivateKey key =
                    KeyFactory.getInstance(Ed25519Keys.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
            Ed25519Keys.publicKeyOf(key);
            return key;
        } catch (InvalidKeySpecException | IllegalArgumentException e) {
            throw new FormatException(pemFile + ": the PEM private key is not an Ed25519 key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime lacks Ed25519", e);
        }
    }

    /** The Ed25519 private key under {@code alias} in a keystore (PKCS#12 or JKS, told by its content). */
    public static PrivateKey readPrivateKey(Path keystore, String alias, char[] password)
            throws FormatException, IOException {
        KeyStore store = loadKeyStore(keystore, password);
        try {
            Key key = store.getKey(alias, password);
            if (key == null) {
                throw new FormatException(keystore + ": no key under alias '" + alias + "'");
            }
            if (!(key instanceof PrivateKey privateKey)) {
                throw new FormatException(keystore + ": the entry '" + alias + "' is not a private key");
            }
            Ed25519Keys.publicKeyOf(privateKey);
            return privateKey;
        } catch (UnrecoverableKeyException e) {
            throw new FormatException(keystore + ": wrong password for the key '" + alias + "'");
        } catch (IllegalArgumentException e) {
            throw new FormatException(keystore + ": the key '" + alias + "' is not an Ed25519 key");
        } catch (GeneralSecurityException e) {
            throw new FormatException(keystore + ": cannot read the key '" + alias + "': " + e.getMessage());
        }
    }

    /**
     * The log's public key from a file holding a verifier key line (which names the log), or a PEM
     * public key or certificate together with {@code origin} (null when the file must name it).
     */
    public static LogKey readLogKey(Path file, String origin) throws FormatException, IOException {
        String text = readText(file);
        if (!text.contains("-----BEGIN ")) {
            LogKey key;
            try {
                key = LogKey.parse(text);
            } catch (FormatException e) {
                throw e.in(file.toString());
            }
            if (origin != null && !origin.equals(key.name())) {
                throw new FormatException(file + ": the key is for log '" + key.name() + "', not '" + origin + "'");
            }
            return key;
        }
        if (origin == null) {
            throw new FormatException(file + ": a PEM key does not name its log; give the log's origin as well");
        }
        PublicKey publicKey = text.contains("-----BEGIN " + CERTIFICATE + "-----")
                ? certificateKey(pemBlock(text, CERTIFICATE, file), file)
                : publicKey(pemBlock(text, PUBLIC_KEY, file), file);
        try {
            return new LogKey(origin, publicKey);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file + ": " + e.getMessage());
        }
    }

    /** Writes a new PEM private key file, readable by its owner only; refuses to overwrite one. */
    public static void writePrivateKey(Path pemFile, PrivateKey key) throws IOException {
        byte[] pem = pem(PRIVATE_KEY, key.getEncoded()).getBytes(StandardCharsets.US_ASCII);
        if (Files.exists(pemFile)) {
            throw new FileAlreadyExistsException(pemFile.toString());
        }
        Path parent = pemFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try {
            Files.createFile(
                    pemFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(pemFile);
        }
        Files.write(pemFile, pem, StandardOpenOption.TRUNCATE_EXISTING);
    }

    public static String publicKeyPem(PublicKey key) {
        return pem(PUBLIC_KEY, key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyStore loadKeyStore(Path file, char[] password) throws FormatException, IOException {
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new FormatException(file + ": wrong keystore password");
            }
            if (!Files.exists(file)) {
                throw e;
            }
            throw new FormatException(file + ": not a keystore this Java runtime can read (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new FormatException(file + ": not a keystore this Java runtime can read (" + e.getMessage() + ")");
        }
    }

    private static PublicKey publicKey(byte[] der, Path file) throws FormatException {
        try {
            return Ed25519Keys.fromSpki(der);
        } catch (FormatException e) {
            throw e.in(file.toString());
        }
    }

    private static PublicKey certificateKey(byte[] der, Path file) throws FormatException {
        try {
            Certificate certificate =
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            PublicKey key = certificate.getPublicKey();
            Ed25519Keys.raw(key);
            return key;
        } catch (CertificateException | IllegalArgumentException e) {
            throw new FormatException(file + ": the certificate does not hold an Ed25519 key");
        }
    }

    private static byte[] pemBlock(String text, String type, Path file) throws FormatException {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new FormatException(file + ": no '" + begin + "' ... '" + end + "' block");
        }
        try {
            return Base64.getMimeDecoder()
                    .decode(text.substring(from + begin.length(), to).strip());
        } catch (IllegalArgumentException e) {
            throw new FormatException(file + ": the " + type + " block is not base64");
        }
    }

    private static String readText(Path file) throws FormatException, IOException {
        if (Files.size(file) > 64 * 1024) {
            throw new FormatException(file + ": too large for a key file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new FormatException(file + ": not a text file (PEM or verifier key)");
        }
    }
}
