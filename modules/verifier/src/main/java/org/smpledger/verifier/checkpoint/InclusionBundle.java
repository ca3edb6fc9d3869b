package org.smpledger.verifier.checkpoint;

import java.util.List;
import org.smpledger.verifier.merkle.Hash;
import org.smpledger.verifier.merkle.InclusionProof;

/**
 * An offline-verifiable proof that one event is in the log: the leaf index (position - 1), the
 * audit path, and the checkpoint it leads to (c2sp.org/tlog-proof@v1, see {@link ProofText}).
 */
public record InclusionBundle(long leafIndex, List<Hash> path, SignedCheckpoint checkpoint) {

    public InclusionBundle {
        path = List.copyOf(path);
    }

    public static InclusionBundle of(InclusionProof proof, SignedCheckpoint checkpoint) {
        if (proof.treeSize() != checkpoint.checkpoint().size()) {
            throw new IllegalArgumentException("a proof in a tree of " + proof.treeSize() + " leaves, a checkpoint of "
                    + checkpoint.checkpoint().size());
        }
        return new InclusionBundle(proof.leafIndex(), proof.path(), checkpoint);
    }

    /** The proof in the checkpoint's tree. */
    public InclusionProof proof() {
        return new InclusionProof(leafIndex, checkpoint.checkpoint().size(), path);
    }

    /** The global position of the event the proof is for. */
    public long position() {
        return leafIndex + 1;
    }
}
