package org.smpledger.verifier.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Our signed-note Ed25519 signatures against an independent implementation: the vectors of Go's
 * {@code golang.org/x/mod/sumdb/note} ({@code note_test.go}: the PeterNeumann signer and
 * verifier keys and the signed quotation), https://github.com/golang/mod. Ed25519 signatures are
 * deterministic, so the same key must give byte-identical signatures.
 */
class SignedNoteVectorsTest {

    private static final String VERIFIER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String SIGNER_KEY_DATA = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"; // 0x01 || seed
    private static final String TEXT =
            "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private static final String SIGNATURE =
            "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";

    @Test
    void verifierKeyIdAndTextFormRoundTrip() throws Exception {
        LogKey key = LogKey.parse(VERIFIER_KEY);

        assertThat(key.name()).isEqualTo("PeterNeumann");
        assertThat(key.keyId()).isEqualTo(0xc74f20a3);
        assertThat(key.verifierKey()).isEqualTo(VERIFIER_KEY);
    }

    @Test
    void theSeedGivesTheSamePublicKeyAndTheSameSignature() throws Exception {
        LogSigner signer = new LogSigner("PeterNeumann", fromSeed(SIGNER_KEY_DATA));

        assertThat(signer.key().verifierKey()).isEqualTo(VERIFIER_KEY);
        NoteSignature signature = signer.signText(TEXT);
        byte[] line = ByteBuffer.allocate(4 + 64)
                .putInt(signature.keyId())
                .put(signature.signature())
                .array();
        assertThat(Base64.getEncoder().encodeToString(line)).isEqualTo(SIGNATURE);
    }

    @Test
    void theirSignatureVerifiesWithOurCodeAndAChangedTextDoesNot() throws Exception {
        LogKey key = LogKey.parse(VERIFIER_KEY);
        ByteBuffer decoded = ByteBuffer.wrap(Base64.getDecoder().decode(SIGNATURE));
        int keyId = decoded.getInt();
        byte[] signature = new byte[decoded.remaining()];
        decoded.get(signature);
        NoteSignature theirs = new NoteSignature("PeterNeumann", keyId, signature);

        assertThat(key.verifies(TEXT, theirs)).isTrue();
        assertThat(key.verifies(TEXT.replace("answer", "Answer"), theirs)).isFalse();
    }

    @Test
    void manglingsOfTheVerifierKeyAreRefused() {
        byte[] bytes = VERIFIER_KEY.getBytes();
        int refused = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i]++;
            try {
                LogKey.parse(new String(changed));
            } catch (FormatException e) {
                assertThat(e.getMessage()).doesNotContain("\n");
                refused++;
            }
        }
        // a changed name or key changes the key id, a changed key id no longer matches
        assertThat(refused).isEqualTo(bytes.length);
    }

    static PrivateKey fromSeed(String typedSeedBase64) throws Exception {
        byte[] typed = Base64.getDecoder().decode(typedSeedBase64);
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420");
        byte[] der = Arrays.copyOf(pkcs8, pkcs8.length + 32);
        System.arraycopy(typed, 1, der, pkcs8.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
