package org.smpledger.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A request fingerprint cannot confirm a guessed personal value without the service's key. */
class RequestFingerprintsTest {

    private static final String REQUEST = "POST /api/clients\n"
            + "{\"personalDetails\":{\"fullName\":\"Jordan Example\",\"dateOfBirth\":\"1984-06-02\"}}";

    private static String base64(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void theFingerprintIsAKeyedHashNotTheHashOfTheRequest() {
        RequestFingerprints fingerprints = RequestFingerprints.fromBase64(base64(1));
        String fingerprint = fingerprints.of(REQUEST);

        assertThat(fingerprint).matches("hmac-sha256:[0-9a-f]{64}");
        assertThat(RequestFingerprints.keyed(fingerprint)).isTrue();
        // whoever guesses the request and hashes it does not get the stored value
        assertThat(fingerprint).doesNotContain(RequestFingerprints.unkeyed(REQUEST));
        assertThat(RequestFingerprints.keyed(RequestFingerprints.unkeyed(REQUEST)))
                .isFalse();
        // same key, same request: the same fingerprint (a retry is recognised); another key: another one
        assertThat(RequestFingerprints.fromBase64(base64(1)).of(REQUEST)).isEqualTo(fingerprint);
        assertThat(RequestFingerprints.fromBase64(base64(2)).of(REQUEST)).isNotEqualTo(fingerprint);
        assertThat(fingerprints.of(REQUEST + " ")).isNotEqualTo(fingerprint);
    }

    @Test
    void theUnkeyedFingerprintIsWhatEarlierVersionsStored() {
        // SHA-256 of "abc" (FIPS 180-2 example)
        assertThat(RequestFingerprints.unkeyed("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theEmbeddedDefaultKeyIsMadeOnceAndReadBack() throws Exception {
        Path file = Files.createTempDirectory("fingerprint-key").resolve("keys").resolve("request-fingerprint-key.p12");
        String made = RequestFingerprints.createKeystore(file, "pw".toCharArray(), "smp-request-fingerprint")
                .of(REQUEST);
        String read = RequestFingerprints.fromKeystore(file, "pw".toCharArray(), "smp-request-fingerprint")
                .of(REQUEST);
        assertThat(read).isEqualTo(made);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThatThrownBy(() -> RequestFingerprints.fromBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
    }
}
