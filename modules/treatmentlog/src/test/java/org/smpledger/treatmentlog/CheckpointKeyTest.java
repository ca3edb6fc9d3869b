package org.smpledger.treatmentlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.verifier.checkpoint.Ed25519Keys;
import org.smpledger.verifier.checkpoint.KeyFiles;

/** Where the deployment's key comes from, and the one-line answers when it cannot be had. */
class CheckpointKeyTest {

    private static final String ORIGIN = "clinic.example/smp-ledger";

    @TempDir
    Path dir;

    @Test
    void theEmbeddedDefaultCreatesItsKeyOnceOwnerReadableAndKeepsIt() throws Exception {
        Path file = dir.resolve("verifiable-log").resolve("checkpoint-key.pem");
        CheckpointKey first = CheckpointKey.load(fileSource(file, true));
        assertThat(first.created()).isTrue();
        assertThat(first.source()).isEqualTo(file.toAbsolutePath().toString());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        CheckpointKey again = CheckpointKey.load(fileSource(file, true));
        assertThat(again.created()).isFalse();
        assertThat(again.signer().key()).isEqualTo(first.signer().key());
        assertThat(again.signer().origin()).isEqualTo(ORIGIN);
    }

    @Test
    void aKeyInConfigurationWinsAsPemOrBase64() throws Exception {
        PrivateKey key = Ed25519Keys.generate().getPrivate();
        Path pem = dir.resolve("given.pem");
        KeyFiles.writePrivateKey(pem, key);
        String pemText = Files.readString(pem);
        String base64 = Base64.getEncoder().encodeToString(key.getEncoded());
        Path unused = dir.resolve("never-created.pem");
        for (String configured : new String[] {pemText, base64}) {
            CheckpointKey loaded =
                    CheckpointKey.load(new CheckpointKey.Source(ORIGIN, configured, null, null, null, unused, true));
            assertThat(loaded.source()).isEqualTo("configuration");
            assertThat(loaded.signer().key().publicKey()).isEqualTo(Ed25519Keys.publicKeyOf(key));
        }
        assertThat(unused).doesNotExist();
    }

    @Test
    void aMissingFileWithoutCreationAndAMalformedKeyAreOneLineRefusals() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> CheckpointKey.load(fileSource(missing, false)))
                .isInstanceOf(CheckpointKey.Unavailable.class)
                .hasMessageContaining("does not exist")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() ->
                        CheckpointKey.load(new CheckpointKey.Source(ORIGIN, "not a key", null, null, null, null, true)))
                .isInstanceOf(CheckpointKey.Unavailable.class)
                .hasMessageNotContaining("\n");
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> CheckpointKey.load(fileSource(garbage, true)))
                .isInstanceOf(CheckpointKey.Unavailable.class)
                .hasMessageStartingWith("checkpoint key: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> CheckpointKey.load(new CheckpointKey.Source(
                        ORIGIN, null, dir.resolve("no.p12"), "checkpoints", "pw".toCharArray(), null, true)))
                .isInstanceOf(CheckpointKey.Unavailable.class)
                .hasMessageNotContaining("\n");
    }

    private static CheckpointKey.Source fileSource(Path file, boolean create) {
        return new CheckpointKey.Source(ORIGIN, null, null, null, null, file, create);
    }
}
