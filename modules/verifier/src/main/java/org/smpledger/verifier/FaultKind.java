package org.smpledger.verifier;

/** What kind of fault a verification found. */
public enum FaultKind {
    /** The checkpoint (or the trusted one) is not signed by the log's key. */
    BAD_SIGNATURE("bad signature"),
    /** No commit holds a position the checkpoint covers: deleted, or a suffix truncated. */
    MISSING_EVENT("missing event"),
    /** A stored event's leaf differs from the one the checkpoint's tree holds: edited, swapped, inserted. */
    ALTERED_EVENT("altered event"),
    /** A commit document is not in the event store's shape (fields added, removed, retyped, index fields changed). */
    MALFORMED_COMMIT("malformed commit"),
    /** A commit starts at a position an earlier commit holds: a forged commit beside the real one. */
    OVERLAPPING_COMMIT("overlapping commit"),
    /** The store does not give the checkpoint's root, and nothing trustworthy is left to say where. */
    ROOT_MISMATCH("root mismatch"),
    /** A checkpoint smaller than the trusted one: the log was rolled back, or this is an old copy. */
    ROLLBACK("rollback"),
    /** Two signed checkpoints that cannot both be true: the same size with different roots, or no consistency. */
    SPLIT_VIEW("split view"),
    /** An inclusion or consistency proof that does not lead to the checkpoint's root. */
    PROOF_FAILED("proof failed");

    private final String words;

    FaultKind(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
