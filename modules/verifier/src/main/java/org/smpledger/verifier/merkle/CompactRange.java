package org.smpledger.verifier.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The right edge of a growing tree: the roots of the perfect subtrees that make up leaves
 * {@code [0, size)}, largest first (one per bit set in the size). Enough to append a leaf and to
 * compute the root, in O(log n) hashes and memory, whatever the size.
 */
public final class CompactRange {

    private long size;
    private final ArrayList<Hash> hashes;

    private CompactRange(long size, List<Hash> hashes) {
        this.size = size;
        this.hashes = new ArrayList<>(hashes);
    }

    public static CompactRange empty() {
        return new CompactRange(0, List.of());
    }

    /** The range of a tree of {@code size} leaves from the hashes of {@link #nodesOf(long) its nodes}. */
    public static CompactRange of(long size, List<Hash> hashes) {
        if (size < 0 || hashes.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException(
                    "a tree of " + size + " leaves has " + Long.bitCount(size) + " edge nodes, not " + hashes.size());
        }
        return new CompactRange(size, hashes);
    }

    /** The perfect subtrees that make up leaves {@code [0, size)}, largest (leftmost) first. */
    public static List<NodeId> nodesOf(long size) {
        List<NodeId> nodes = new ArrayList<>(Long.bitCount(size));
        long begin = 0;
        for (int level = NodeId.MAX_LEVEL - 1; level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                nodes.add(new NodeId(level, begin >> level));
                begin += 1L << level;
            }
        }
        return nodes;
    }

    public long size() {
        return size;
    }

    public List<Hash> hashes() {
        return List.copyOf(hashes);
    }

    public void append(Hash leaf) {
        append(leaf, null);
    }

    /**
     * Appends one leaf hash; {@code completed} (if given) receives every node that becomes
     * complete: the leaf itself, then each parent the leaf closes, bottom-up.
     */
    public void append(Hash leaf, BiConsumer<NodeId, Hash> completed) {
        long index = size;
        int level = 0;
        Hash hash = leaf;
        if (completed != null) {
            completed.accept(new NodeId(0, index), hash);
        }
        hashes.add(hash);
        while ((index & 1) == 1) {
            Hash right = hashes.remove(hashes.size() - 1);
            Hash left = hashes.remove(hashes.size() - 1);
            hash = TreeHashing.node(left, right);
            index >>= 1;
            level++;
            hashes.add(hash);
            if (completed != null) {
                completed.accept(new NodeId(level, index), hash);
            }
        }
        size++;
    }

    /** The RFC 6962 Merkle tree hash of the leaves so far. */
    public Hash root() {
        if (hashes.isEmpty()) {
            return TreeHashing.emptyTree();
        }
        Hash root = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = TreeHashing.node(hashes.get(i), root);
        }
        return root;
    }
}
