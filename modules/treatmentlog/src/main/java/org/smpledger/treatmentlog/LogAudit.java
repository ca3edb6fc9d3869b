package org.smpledger.treatmentlog;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.smpledger.treatmentlog.AuditRefusal.Reason;
import org.smpledger.verifier.LogVerifier;
import org.smpledger.verifier.VerificationReport;
import org.smpledger.verifier.checkpoint.InclusionBundle;
import org.smpledger.verifier.checkpoint.LogKey;
import org.smpledger.verifier.checkpoint.ProofText;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.smpledger.verifier.merkle.ConsistencyProof;
import org.smpledger.verifier.merkle.Hash;
import org.smpledger.verifier.merkle.InclusionProof;
import org.smpledger.verifier.store.LogStore;

/**
 * What an auditor asks of the log: its checkpoints, inclusion and consistency proofs from the
 * stored tree, and a verification of the raw store against a checkpoint with the deployment's own
 * public key (the verifier trusts nothing else). Every question is checked before anything is read
 * (an {@link AuditRefusal} says which parameter is wrong); one verification runs at a time.
 */
public final class LogAudit {

    private final LogStore store;
    private final LogKey key;
    private final Semaphore verifying = new Semaphore(1);

    public LogAudit(LogStore store, LogKey key) {
        this.store = store;
        this.key = key;
    }

    /** The log's public key: what a third party verifies with. */
    public LogKey key() {
        return key;
    }

    public SignedCheckpoint latest() {
        return store.checkpoints()
                .latest()
                .orElseThrow(() -> new AuditRefusal(Reason.NOT_FOUND, null, "no checkpoint has been signed yet"));
    }

    public SignedCheckpoint atSize(long size) {
        positive("size", size);
        return store.checkpoints()
                .atSize(size)
                .orElseThrow(() -> new AuditRefusal(
                        Reason.NOT_FOUND, "size", "no checkpoint was signed at tree size " + size + treeHolds()));
    }

    /** An inclusion proof in the tree of {@code size} events (its checkpoint, when one was signed at that size). */
    public Inclusion inclusion(long position, long size) {
        positive("position", position);
        positive("size", size);
        long treeSize = store.tree().size();
        if (size > treeSize) {
            throw new AuditRefusal(Reason.NOT_FOUND, "size", beyond("size", size, treeSize));
        }
        if (position > size) {
            throw new AuditRefusal(
                    position > treeSize ? Reason.NOT_FOUND : Reason.INVALID,
                    "position",
                    "position " + position + " is not in a tree of " + size + " events");
        }
        InclusionProof proof = store.tree().inclusionProof(position - 1, size);
        Optional<SignedCheckpoint> checkpoint = store.checkpoints().atSize(size);
        return new Inclusion(position, proof, store.tree().root(size), checkpoint);
    }

    /** A consistency proof that the tree of {@code to} events extends the tree of {@code from}. */
    public Consistency consistency(long from, long to) {
        positive("from", from);
        positive("to", to);
        if (from > to) {
            throw new AuditRefusal(Reason.INVALID, "from", "from (" + from + ") is larger than to (" + to + ")");
        }
        long treeSize = store.tree().size();
        if (to > treeSize) {
            throw new AuditRefusal(Reason.NOT_FOUND, "to", beyond("to", to, treeSize));
        }
        ConsistencyProof proof = store.tree().consistencyProof(from, to);
        return new Consistency(proof, store.tree().root(from), store.tree().root(to));
    }

    /**
     * Recomputes every event of the checkpoint of {@code size} (the latest when null) from the raw
     * documents: verified, or the first bad position of each kind of fault.
     */
    public VerificationReport verify(Long size) {
        SignedCheckpoint checkpoint = size == null ? latest() : atSize(size);
        if (!verifying.tryAcquire()) {
            throw new AuditRefusal(
                    Reason.BUSY, null, "a verification of the log is running; ask again when it has finished");
        }
        try {
            return new LogVerifier(store, key).verify(checkpoint);
        } finally {
            verifying.release();
        }
    }

    private static String beyond(String parameter, long value, long treeSize) {
        return parameter + " " + value + " is beyond the tree, which holds " + treeSize + " events";
    }

    private String treeHolds() {
        return " (the tree holds " + store.tree().size() + " events)";
    }

    private static void positive(String parameter, long value) {
        if (value < 1) {
            throw new AuditRefusal(Reason.INVALID, parameter, "must be 1 or more, not " + value);
        }
    }

    /** An inclusion proof, the root it leads to, and the checkpoint signed at its tree size if there is one. */
    public record Inclusion(long position, InclusionProof proof, Hash root, Optional<SignedCheckpoint> checkpoint) {

        /** The c2sp.org/tlog-proof@v1 text, when a checkpoint of the proof's size exists. */
        public Optional<String> proofText() {
            return checkpoint.map(signed -> ProofText.format(InclusionBundle.of(proof, signed)));
        }

        public List<String> path() {
            return proof.path().stream().map(Hash::base64).toList();
        }
    }

    /** A consistency proof and the two roots it links. */
    public record Consistency(ConsistencyProof proof, Hash fromRoot, Hash toRoot) {

        public String proofText() {
            return ProofText.format(proof);
        }

        public List<String> path() {
            return proof.path().stream().map(Hash::base64).toList();
        }
    }
}
