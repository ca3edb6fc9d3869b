package org.smpledger.verifier.merkle;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** A tree held in memory: every perfect subtree hash, appended leaf by leaf. For tools and tests. */
public final class MemoryTree implements NodeReader {

    private final Map<NodeId, Hash> nodes = new HashMap<>();
    private final CompactRange edge = CompactRange.empty();

    public void append(Hash leafHash) {
        edge.append(leafHash, nodes::put);
    }

    public long size() {
        return edge.size();
    }

    public Hash root() {
        return edge.root();
    }

    public Hash root(long size) {
        return TreeProofs.root(this, checked(size));
    }

    public InclusionProof inclusionProof(long index, long size) {
        return TreeProofs.inclusion(this, index, checked(size));
    }

    public ConsistencyProof consistencyProof(long from, long to) {
        return TreeProofs.consistency(this, from, checked(to));
    }

    @Override
    public Map<NodeId, Hash> read(Collection<NodeId> wanted) {
        Map<NodeId, Hash> found = new HashMap<>();
        for (NodeId node : wanted) {
            Hash hash = nodes.get(node);
            if (hash != null) {
                found.put(node, hash);
            }
        }
        return found;
    }

    private long checked(long size) {
        if (size > edge.size()) {
            throw new IllegalArgumentException("the tree has " + edge.size() + " leaves, not " + size);
        }
        return size;
    }
}
