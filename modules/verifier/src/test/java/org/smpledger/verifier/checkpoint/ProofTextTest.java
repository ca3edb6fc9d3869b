package org.smpledger.verifier.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.smpledger.verifier.merkle.ConsistencyProof;
import org.smpledger.verifier.merkle.MemoryTree;
import org.smpledger.verifier.merkle.TreeHashing;

class ProofTextTest {

    private final LogSigner signer =
            new LogSigner("clinic.example/log", Ed25519Keys.generate().getPrivate());
    private final MemoryTree tree = new MemoryTree();

    ProofTextTest() {
        for (int i = 0; i < 13; i++) {
            tree.append(TreeHashing.leaf(new byte[] {(byte) i}));
        }
    }

    @Test
    void anInclusionProofIsATlogProofWithItsCheckpoint() throws Exception {
        SignedCheckpoint checkpoint = signer.sign(13, tree.root(), Instant.now());
        InclusionBundle bundle = InclusionBundle.of(tree.inclusionProof(4, 13), checkpoint);

        String text = ProofText.format(bundle);

        assertThat(text).startsWith("c2sp.org/tlog-proof@v1\nindex 4\n").endsWith(checkpoint.text());
        InclusionBundle parsed = ProofText.parseInclusion(text);
        assertThat(parsed).isEqualTo(bundle);
        assertThat(parsed.position()).isEqualTo(5);
        assertThat(parsed.proof().verify(TreeHashing.leaf(new byte[] {4}), tree.root()))
                .isTrue();
        String withExtra = text.replace("@v1\n", "@v1\nextra c2Vzc2lvbg==\n");
        assertThat(ProofText.parseInclusion(withExtra)).isEqualTo(bundle);
    }

    @Test
    void aConsistencyProofRoundTrips() throws Exception {
        ConsistencyProof proof = tree.consistencyProof(5, 13);

        String text = ProofText.format(proof);

        assertThat(text).startsWith("smp-ledger/consistency-proof@v1\nfrom 5\nto 13\n");
        assertThat(ProofText.parseConsistency(text)).isEqualTo(proof);
    }

    @Test
    void malformedProofsAreOneLineErrors() {
        SignedCheckpoint checkpoint = signer.sign(13, tree.root(), Instant.now());
        String inclusion = ProofText.format(InclusionBundle.of(tree.inclusionProof(4, 13), checkpoint));
        String consistency = ProofText.format(tree.consistencyProof(5, 13));

        assertOneLine(
                () -> ProofText.parseInclusion(inclusion.replace("index 4", "index 13")), "beyond the checkpoint");
        assertOneLine(() -> ProofText.parseInclusion(inclusion.replace("index 4", "idx 4")), "line 2: expected 'index");
        assertOneLine(() -> ProofText.parseInclusion(inclusion.replace("@v1", "@v2")), "line 1:");
        assertOneLine(
                () -> ProofText.parseInclusion(inclusion.replaceFirst("\n([A-Za-z0-9+/]{43}=)\n", "\nAAAA\n")),
                "line 3:");
        assertOneLine(() -> ProofText.parseInclusion(inclusion.replace("\n\n", "\n")), "no blank line");
        assertOneLine(() -> ProofText.parseConsistency(consistency.replace("from 5", "from 14")), "larger than");
        assertOneLine(() -> ProofText.parseConsistency(consistency.replace("to 13", "to x")), "line 3:");
        assertOneLine(() -> ProofText.parseConsistency("hello\n"), "line 1:");
    }

    private interface Parsing {
        Object parse() throws Exception;
    }

    private static void assertOneLine(Parsing parsing, String expected) {
        assertThatThrownBy(parsing::parse)
                .isInstanceOf(FormatException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
