package org.smpledger.verifier.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smpledger.verifier.merkle.Hash;
import org.smpledger.verifier.merkle.TreeHashing;

class CheckpointNoteTest {

    private static final String ORIGIN = "clinic.example/smp-ledger";
    private static final Hash ROOT = TreeHashing.leaf(new byte[] {1, 2, 3});
    private static final Instant TIME = Instant.parse("2026-11-25T10:15:30.123456Z");

    private final LogSigner signer =
            new LogSigner(ORIGIN, Ed25519Keys.generate().getPrivate());

    @Test
    void aSignedCheckpointIsASignedNoteWithFourBodyLines() throws Exception {
        SignedCheckpoint signed = signer.sign(1234, ROOT, TIME);

        String[] lines = signed.text().split("\n", -1);
        assertThat(lines).hasSize(7);
        assertThat(lines[0]).isEqualTo(ORIGIN);
        assertThat(lines[1]).isEqualTo("1234");
        assertThat(lines[2]).isEqualTo(ROOT.base64());
        assertThat(lines[3]).isEqualTo("time 2026-11-25T10:15:30.123Z");
        assertThat(lines[4]).isEmpty();
        assertThat(lines[5]).startsWith("\u2014 " + ORIGIN + " ");
        assertThat(lines[6]).isEmpty();

        SignedCheckpoint parsed = SignedCheckpoint.parse(signed.text());
        assertThat(parsed).isEqualTo(signed);
        Checkpoint checkpoint = signer.key().verify(parsed);
        assertThat(checkpoint.size()).isEqualTo(1234);
        assertThat(checkpoint.root()).isEqualTo(ROOT);
        assertThat(checkpoint.time()).isEqualTo(Instant.parse("2026-11-25T10:15:30.123Z"));
    }

    @Test
    void verificationNeedsTheLogsOwnKeyAndIgnoresOtherSignatures() throws Exception {
        SignedCheckpoint signed = signer.sign(10, ROOT, TIME);
        LogSigner impostor = new LogSigner(ORIGIN, Ed25519Keys.generate().getPrivate());
        LogSigner witness =
                new LogSigner("witness.example", Ed25519Keys.generate().getPrivate());

        assertThatThrownBy(() -> signer.key().verify(impostor.sign(10, ROOT, TIME)))
                .isInstanceOf(CheckpointSignatureException.class)
                .hasMessageContaining("not signed by the key of '" + ORIGIN + "'");
        assertThatThrownBy(() -> impostor.key().verify(signed)).isInstanceOf(CheckpointSignatureException.class);
        assertThatThrownBy(() -> witness.key().verify(signed))
                .hasMessageContaining("the checkpoint is from log '" + ORIGIN + "'");

        SignedCheckpoint cosigned =
                signed.with(witness.signText(signed.checkpoint().body()));
        assertThat(signer.key().verify(SignedCheckpoint.parse(cosigned.text())).size())
                .isEqualTo(10);
    }

    @Test
    void aChangedBodyOrSignatureDoesNotVerify() throws Exception {
        String text = signer.sign(10, ROOT, TIME).text();

        for (String changed : new String[] {
            text.replace("\n10\n", "\n11\n"),
            text.replace("10:15:30.123Z", "10:15:31.123Z"),
            text.replace(ROOT.base64(), TreeHashing.emptyTree().base64()),
        }) {
            assertThatThrownBy(() -> signer.key().verify(SignedCheckpoint.parse(changed)))
                    .isInstanceOf(CheckpointSignatureException.class)
                    .hasMessage("the signature of '" + ORIGIN + "' on the checkpoint is not valid");
        }
        SignedCheckpoint signed = SignedCheckpoint.parse(text);
        NoteSignature original = signed.signatures().get(0);
        for (int bit = 0; bit < 512; bit += 7) {
            byte[] bytes = original.signature();
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            SignedCheckpoint flipped = new SignedCheckpoint(
                    signed.checkpoint(), java.util.List.of(new NoteSignature(ORIGIN, original.keyId(), bytes)));
            assertThatThrownBy(() -> signer.key().verify(flipped)).isInstanceOf(CheckpointSignatureException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty                 | ''                                                  | empty, not a checkpoint",
                "no blank line         | 'o\\n1\\nROOT\\ntime T\\n'                          | no blank line",
                "three body lines      | 'o\\n1\\nROOT\\n\\nSIG\\n'                          | has 4 lines",
                "leading zero          | 'o\\n01\\nROOT\\ntime T\\n\\nSIG\\n'                | line 2: the tree size is not a decimal",
                "negative size         | 'o\\n-1\\nROOT\\ntime T\\n\\nSIG\\n'                | line 2: the tree size is not a decimal",
                "huge size             | 'o\\n99999999999999999999\\nROOT\\ntime T\\n\\nSIG\\n' | line 2: the tree size is not a decimal",
                "short root            | 'o\\n1\\nAAAA\\ntime T\\n\\nSIG\\n'                 | line 3: the root hash is not the base64",
                "not base64 root       | 'o\\n1\\n!!!\\ntime T\\n\\nSIG\\n'                  | line 3: the root hash is not base64",
                "no time               | 'o\\n1\\nROOT\\nwhen T\\n\\nSIG\\n'                 | line 4: expected 'time <UTC time>'",
                "bad time              | 'o\\n1\\nROOT\\ntime 2026-11-25 10:00\\n\\nSIG\\n'  | line 4: the time is not",
                "space in origin       | 'a b\\n1\\nROOT\\ntime T\\n\\nSIG\\n'               | line 1: an origin has no spaces",
                "no signatures         | 'o\\n1\\nROOT\\ntime T\\n\\n'                       | a blank line at the end",
                "no em dash            | 'o\\n1\\nROOT\\ntime T\\n\\n- o AAAAAAAA\\n'        | line 6: a signature line starts with",
                "bad signature base64  | 'o\\n1\\nROOT\\ntime T\\n\\n\u2014 o !!!!\\n'     | line 6: the signature is not base64",
                "short signature       | 'o\\n1\\nROOT\\ntime T\\n\\n\u2014 o AAAA\\n'     | line 6: the signature is shorter",
                "carriage return       | 'o\\r\\n1\\nROOT\\ntime T\\n\\nSIG\\n'              | line 1: a carriage return",
                "no final newline      | 'o\\n1\\nROOT\\ntime T\\n\\nSIG'                    | the last line does not end with a newline",
            })
    void malformedCheckpointsAreOneLineErrors(String name, String template, String expected) {
        String note = template.replace("\\n", "\n")
                .replace("\\r", "\r")
                .replace("ROOT", ROOT.base64())
                .replace("time T", "time 2026-11-25T10:15:30.123Z")
                .replace(
                        "SIG",
                        "\u2014 o AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        assertThatThrownBy(() -> SignedCheckpoint.parse(note))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
