package org.smpledger.verifier.merkle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * That leaf {@code leafIndex} (0-based) is in the tree of {@code treeSize} leaves: the sibling
 * hashes from the leaf up to the root's child (RFC 9162 section 2.1.3).
 */
public record InclusionProof(long leafIndex, long treeSize, List<Hash> path) {

    public InclusionProof {
        Objects.requireNonNull(path, "path");
        path = List.copyOf(path);
    }

    /**
     * The root this proof leads to from {@code leafHash}, by the algorithm of RFC 9162 section
     * 2.1.3.2; empty when the proof cannot be for this index and size (wrong length, index beyond
     * the tree).
     */
    public Optional<Hash> rootFrom(Hash leafHash) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return Optional.empty();
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        Hash r = leafHash;
        for (Hash p : path) {
            if (sn == 0) {
                return Optional.empty();
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = TreeHashing.node(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = TreeHashing.node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? Optional.of(r) : Optional.empty();
    }

    /** Whether the leaf with this hash is at {@code leafIndex} in the tree with this root. */
    public boolean verify(Hash leafHash, Hash root) {
        return rootFrom(leafHash).map(root::equals).orElse(false);
    }
}
