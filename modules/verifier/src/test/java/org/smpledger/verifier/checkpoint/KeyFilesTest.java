package org.smpledger.verifier.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.verifier.merkle.TreeHashing;

class KeyFilesTest {

    private static final String ORIGIN = "clinic.example/smp-ledger";

    @TempDir
    Path folder;

    @Test
    void aWrittenPemKeySignsCheckpointsThatItsPublicKeyFilesVerify() throws Exception {
        KeyPair pair = Ed25519Keys.generate();
        Path privatePem = folder.resolve("keys/log-key.pem");
        KeyFiles.writePrivateKey(privatePem, pair.getPrivate());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privatePem)))
                .isEqualTo("rw-------");
        LogSigner signer = new LogSigner(ORIGIN, KeyFiles.readPrivateKey(privatePem));
        SignedCheckpoint checkpoint = signer.sign(3, TreeHashing.emptyTree(), Instant.now());

        Path publicPem = Files.writeString(folder.resolve("public.pem"), KeyFiles.publicKeyPem(pair.getPublic()));
        Path verifierKey =
                Files.writeString(folder.resolve("log.vkey"), signer.key().verifierKey() + "\n");
        assertThat(KeyFiles.readLogKey(publicPem, ORIGIN).verify(checkpoint).size())
                .isEqualTo(3);
        assertThat(KeyFiles.readLogKey(verifierKey, null)).isEqualTo(signer.key());
        assertThatThrownBy(() -> KeyFiles.writePrivateKey(privatePem, pair.getPrivate()))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void aKeytoolPkcs12KeystoreHoldsTheSigningKey() throws Exception {
        Path keystore = folder.resolve("log.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-keyalg",
                        "Ed25519",
                        "-alias",
                        "checkpoints",
                        "-dname",
                        "CN=smp-ledger checkpoints",
                        "-validity",
                        "3650",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue())
                .as(new String(keytool.getInputStream().readAllBytes()))
                .isZero();

        PrivateKey key = KeyFiles.readPrivateKey(keystore, "checkpoints", "changeit".toCharArray());
        LogSigner signer = new LogSigner(ORIGIN, key);
        assertThat(signer.key()
                        .verify(signer.sign(1, TreeHashing.emptyTree(), Instant.now()))
                        .size())
                .isEqualTo(1);

        assertThatThrownBy(() -> KeyFiles.readPrivateKey(keystore, "checkpoints", "wrong".toCharArray()))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> KeyFiles.readPrivateKey(keystore, "other", "changeit".toCharArray()))
                .isInstanceOf(FormatException.class)
                .hasMessageEndingWith("no key under alias 'other'");
    }

    @Test
    void filesThatAreNotEd25519KeysAreOneLineErrors() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaPair = rsa.generateKeyPair();
        Path rsaPem = folder.resolve("rsa.pem");
        KeyFiles.writePrivateKey(rsaPem, rsaPair.getPrivate());
        Path rsaPublic =
                Files.writeString(folder.resolve("rsa-public.pem"), KeyFiles.publicKeyPem(rsaPair.getPublic()));
        Path garbage = Files.writeString(folder.resolve("garbage.txt"), "hello\n");
        Path encrypted = Files.writeString(
                folder.resolve("encrypted.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        Path pem = folder.resolve("ok.pem");
        KeyFiles.writePrivateKey(pem, Ed25519Keys.generate().getPrivate());

        assertOneLine(() -> KeyFiles.readPrivateKey(rsaPem), "not an Ed25519 key");
        assertOneLine(() -> KeyFiles.readLogKey(rsaPublic, ORIGIN), "not an Ed25519 public key");
        assertOneLine(() -> KeyFiles.readPrivateKey(garbage), "no '-----BEGIN PRIVATE KEY-----'");
        assertOneLine(() -> KeyFiles.readLogKey(garbage, null), "a verifier key is '<name>+<key id>+<base64 key>'");
        assertOneLine(() -> KeyFiles.readPrivateKey(encrypted), "an encrypted PEM key");
        assertOneLine(() -> KeyFiles.readLogKey(pem, ORIGIN), "no '-----BEGIN PUBLIC KEY-----'");
        assertOneLine(() -> KeyFiles.readPrivateKey(garbage, "a", "b".toCharArray()), "not a keystore");
    }

    private interface Reading {
        Object read() throws Exception;
    }

    private static void assertOneLine(Reading reading, String expected) {
        assertThatThrownBy(reading::read)
                .isInstanceOf(FormatException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
