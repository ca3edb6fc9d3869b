package org.smpledger.verifier.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.smpledger.verifier.merkle.CompactRange;
import org.smpledger.verifier.merkle.ConsistencyProof;
import org.smpledger.verifier.merkle.Hash;
import org.smpledger.verifier.merkle.InclusionProof;
import org.smpledger.verifier.merkle.NodeId;
import org.smpledger.verifier.merkle.NodeReader;
import org.smpledger.verifier.merkle.TreeProofs;

/**
 * The Merkle tree kept in MongoDB: every complete perfect subtree is one document
 * {@code {_id: level << 56 | index, h: <32 bytes>}} in {@code <prefix>_nodes}, written once and
 * never changed; the size is {@code {_id: "tree", size}} in {@code <prefix>_state}. Appending a
 * leaf writes the leaf and the parents it completes (2 documents per leaf on average, at most
 * log2(n) + 1), then raises the size. Every read is {@code _id} or {@code _id $in}.
 */
public final class StoredTree implements NodeReader {

    static final String STATE_ID = "tree";
    private static final int INDEX_BITS = 56;

    private final MongoCollection<Document> nodes;
    private final MongoCollection<Document> state;

    StoredTree(MongoCollection<Document> nodes, MongoCollection<Document> state) {
        this.nodes = nodes;
        this.state = state;
    }

    /** The document key of a node. */
    public static long key(NodeId node) {
        if (node.index() >= 1L << INDEX_BITS) {
            throw new IllegalArgumentException("a tree of more than 2^56 leaves: " + node);
        }
        return ((long) node.level() << INDEX_BITS) | node.index();
    }

    /** The number of leaves the tree holds (0 before the first append). */
    public long size() {
        Document found = state.find(new Document("_id", STATE_ID)).first();
        return found == null ? 0 : found.get("size", Number.class).longValue();
    }

    /** The right edge of the tree of {@code size} leaves, read from the stored nodes. */
    public CompactRange edge(long size) {
        List<NodeId> edgeNodes = CompactRange.nodesOf(size);
        Map<NodeId, Hash> found = read(edgeNodes);
        List<Hash> hashes = new ArrayList<>(edgeNodes.size());
        for (NodeId node : edgeNodes) {
            Hash hash = found.get(node);
            if (hash == null) {
                throw new StoreIntegrityException(
                        node.begin() + 1,
                        "the stored tree lacks the node over positions " + (node.begin() + 1) + ".." + node.end());
            }
            hashes.add(hash);
        }
        return CompactRange.of(size, hashes);
    }

    /**
     * Appends leaf hashes after {@code edge} (the tree's current right edge, which is advanced):
     * writes every node they complete, then raises the stored size to the new size. A node that is
     * already stored (a retry after a crash, or a second builder) must hold the same hash, or the
     * events it covers changed since it was written.
     */
    public void append(CompactRange edge, List<Hash> leaves) {
        if (leaves.isEmpty()) {
            return;
        }
        Map<NodeId, Hash> completed = new LinkedHashMap<>();
        for (Hash leaf : leaves) {
            edge.append(leaf, completed::put);
        }
        List<Document> documents = new ArrayList<>(completed.size());
        completed.forEach(
                (node, hash) -> documents.add(new Document("_id", key(node)).append("h", new Binary(hash.bytes()))));
        try {
            nodes.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            List<NodeId> existing = new ArrayList<>();
            List<NodeId> ids = new ArrayList<>(completed.keySet());
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                existing.add(ids.get(error.getIndex()));
            }
            Map<NodeId, Hash> stored = read(existing);
            for (NodeId node : existing) {
                if (!completed.get(node).equals(stored.get(node))) {
                    throw new StoreIntegrityException(
                            node.begin() + 1,
                            "the tree already holds a different hash over positions " + (node.begin() + 1) + ".."
                                    + node.end() + ": those events changed after the tree took them in");
                }
            }
        }
        state.updateOne(
                new Document("_id", STATE_ID),
                new Document("$max", new Document("size", edge.size())),
                new UpdateOptions().upsert(true));
    }

    public Hash root(long size) {
        return TreeProofs.root(this, within(size));
    }

    public InclusionProof inclusionProof(long leafIndex, long treeSize) {
        return TreeProofs.inclusion(this, leafIndex, within(treeSize));
    }

    public ConsistencyProof consistencyProof(long fromSize, long toSize) {
        return TreeProofs.consistency(this, fromSize, within(toSize));
    }

    /** The stored leaf hashes of leaves {@code [from, from + count)}; a missing one is absent from the map. */
    public Map<Long, Hash> leafHashes(long from, int count) {
        List<NodeId> wanted = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            wanted.add(new NodeId(0, from + i));
        }
        Map<Long, Hash> leaves = new HashMap<>();
        read(wanted).forEach((node, hash) -> leaves.put(node.index(), hash));
        return leaves;
    }

    @Override
    public Map<NodeId, Hash> read(Collection<NodeId> wanted) {
        Map<Long, NodeId> byKey = new HashMap<>();
        for (NodeId node : wanted) {
            byKey.put(key(node), node);
        }
        Map<NodeId, Hash> found = new HashMap<>();
        if (byKey.isEmpty()) {
            return found;
        }
        for (Document document : nodes.find(new Document("_id", new Document("$in", new ArrayList<>(byKey.keySet()))))
                .batchSize(byKey.size())) {
            NodeId node = byKey.get(document.get("_id", Number.class).longValue());
            Binary hash = document.get("h", Binary.class);
            if (node != null && hash != null && hash.length() == Hash.SIZE) {
                found.put(node, Hash.of(hash.getData()));
            }
        }
        return found;
    }

    private long within(long size) {
        long stored = size();
        if (size > stored) {
            throw new IllegalArgumentException("the tree holds " + stored + " events, not " + size);
        }
        return size;
    }
}
