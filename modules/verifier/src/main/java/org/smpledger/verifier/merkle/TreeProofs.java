package org.smpledger.verifier.merkle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Roots and proofs of a tree whose perfect subtrees are stored (see {@link NodeReader}). Each
 * proof element is the hash of an RFC 6962 subtree: a range of leaves that is either a stored
 * perfect subtree or ends at the tree's size and is folded from the perfect subtrees it is made
 * of. All nodes one answer needs are read in one call.
 */
public final class TreeProofs {

    private TreeProofs() {}

    /** The root of the first {@code size} leaves. */
    public static Hash root(NodeReader nodes, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("a tree size is not negative: " + size);
        }
        if (size == 0) {
            return TreeHashing.emptyTree();
        }
        return hashes(nodes, List.of(new Range(0, size))).get(0);
    }

    /** The RFC 6962 section 2.1.1 audit path of leaf {@code index} in the tree of {@code size} leaves. */
    public static InclusionProof inclusion(NodeReader nodes, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size + " leaves");
        }
        List<Range> ranges = new ArrayList<>();
        path(index, 0, size, ranges);
        return new InclusionProof(index, size, hashes(nodes, ranges));
    }

    /** The RFC 6962 section 2.1.2 consistency proof from the tree of {@code from} leaves to that of {@code to}. */
    public static ConsistencyProof consistency(NodeReader nodes, long from, long to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("no consistency proof from " + from + " to " + to + " leaves");
        }
        List<Range> ranges = new ArrayList<>();
        if (from > 0 && from < to) {
            subproof(from, 0, to, true, ranges);
        }
        return new ConsistencyProof(from, to, hashes(nodes, ranges));
    }

    /** The perfect subtrees that make up {@code [begin, end)}, left to right, each as large as alignment allows. */
    public static List<NodeId> nodesOf(long begin, long end) {
        List<NodeId> nodes = new ArrayList<>();
        long at = begin;
        while (at < end) {
            int aligned = at == 0 ? NodeId.MAX_LEVEL - 1 : Long.numberOfTrailingZeros(at);
            int fits = 63 - Long.numberOfLeadingZeros(end - at);
            int level = Math.min(aligned, fits);
            nodes.add(new NodeId(level, at >> level));
            at += 1L << level;
        }
        return nodes;
    }

    private record Range(long begin, long end) {}

    // PATH(m, D[begin:end]) of RFC 6962 section 2.1.1, deepest element first.
    private static void path(long m, long begin, long end, List<Range> out) {
        if (end - begin <= 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(end - begin);
        if (m < begin + k) {
            path(m, begin, begin + k, out);
            out.add(new Range(begin + k, end));
        } else {
            path(m, begin + k, end, out);
            out.add(new Range(begin, begin + k));
        }
    }

    // SUBPROOF(m, D[begin:end], b) of RFC 6962 section 2.1.2, deepest element first.
    private static void subproof(long m, long begin, long end, boolean complete, List<Range> out) {
        if (m == end) {
            if (!complete) {
                out.add(new Range(begin, end));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(end - begin);
        if (m <= begin + k) {
            subproof(m, begin, begin + k, complete, out);
            out.add(new Range(begin + k, end));
        } else {
            subproof(m, begin + k, end, false, out);
            out.add(new Range(begin, begin + k));
        }
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static List<Hash> hashes(NodeReader reader, List<Range> ranges) {
        Set<NodeId> needed = new LinkedHashSet<>();
        List<List<NodeId>> parts = new ArrayList<>(ranges.size());
        for (Range range : ranges) {
            List<NodeId> part = nodesOf(range.begin(), range.end());
            parts.add(part);
            needed.addAll(part);
        }
        Map<NodeId, Hash> found = needed.isEmpty() ? Map.of() : reader.read(needed);
        List<Hash> hashes = new ArrayList<>(ranges.size());
        for (List<NodeId> part : parts) {
            Hash hash = stored(found, part.get(part.size() - 1));
            for (int i = part.size() - 2; i >= 0; i--) {
                hash = TreeHashing.node(stored(found, part.get(i)), hash);
            }
            hashes.add(hash);
        }
        return hashes;
    }

    private static Hash stored(Map<NodeId, Hash> found, NodeId node) {
        Hash hash = found.get(node);
        if (hash == null) {
            throw new MissingNodeException(node);
        }
        return hash;
    }
}
