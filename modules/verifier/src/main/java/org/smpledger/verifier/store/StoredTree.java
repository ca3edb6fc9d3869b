package org.smpledger.verifier.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * The Merkle tree kept in MongoDB as tiles. A tile of tile level {@code t} holds the complete
 * perfect subtrees of node levels {@code 8t} to {@code 8t + 7} over 256 consecutive nodes of level
 * {@code 8t} ({@link Tile} gives the layout); its own root is a base node of the tile above.
 * <ul>
 *   <li>A full tile is one document {@code {_id: t << 56 | tile index, n: 256, h}} in
 *       {@code <prefix>_tiles}, written once and never changed.
 *   <li>The size and the tiles still filling (at most one per tile level) are one document
 *       {@code {_id: "tree", leaves, partial: [{k, n, h}]}} in {@code <prefix>_state}, replaced as a
 *       whole by a compare-and-set on the size it was read at, so they always move together.
 * </ul>
 * Appending a batch inserts the tiles it fills, then sets the state: a few writes per batch, not
 * one per node. Reads of tiles are {@code _id} or {@code _id $in}; the state is one document.
 */
public final class StoredTree implements NodeReader {

    static final String STATE_ID = "tree";
    static final String LEAVES = "leaves";
    static final String PARTIAL = "partial";
    private static final String KEY = "k";
    private static final int INDEX_BITS = 56;
    private static final int CONTENDED_WRITES = 10;

    private final MongoCollection<Document> tiles;
    private final MongoCollection<Document> state;
    /** The state as this tree's last append set it: the next append starts from it unless the set fails. */
    private State written;

    StoredTree(MongoCollection<Document> tiles, MongoCollection<Document> state) {
        this.tiles = tiles;
        this.state = state;
    }

    /** The document key of the tile holding a node. */
    public static long tileKey(NodeId node) {
        int tileLevel = node.level() / Tile.HEIGHT;
        long tileIndex = node.index() >> (Tile.HEIGHT - node.level() % Tile.HEIGHT);
        if (tileIndex >= 1L << INDEX_BITS) {
            throw new IllegalArgumentException("a tree of more than 2^56 tiles: " + node);
        }
        return ((long) tileLevel << INDEX_BITS) | tileIndex;
    }

    /** The number of leaves the tree holds (0 before the first append). */
    public long size() {
        Document found = state.find(new Document("_id", STATE_ID))
                .projection(Projections.include(LEAVES))
                .first();
        return leavesOf(found);
    }

    /** The right edge of the tree of {@code size} leaves, read from the stored tiles. */
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
     * stores every tile they fill, then the size and the tiles still filling. A node that is already
     * stored (a retry after a crash, or a second builder) must hold the same hash, or the events it
     * covers changed since it was written.
     */
    public void append(CompactRange edge, List<Hash> leaves) {
        if (leaves.isEmpty()) {
            return;
        }
        Map<Long, Map<NodeId, Hash>> byTile = new TreeMap<>();
        for (Hash leaf : leaves) {
            edge.append(
                    leaf,
                    (node, hash) -> byTile.computeIfAbsent(tileKey(node), key -> new LinkedHashMap<>())
                            .put(node, hash));
        }
        State before = written != null ? written : readState();
        written = null;
        for (int attempt = 0; attempt < CONTENDED_WRITES; attempt++) {
            Map<Long, Tile> partial = new TreeMap<>(before.partial());
            Map<Long, Tile> full = readTiles(fullAt(byTile.keySet(), before.leaves()));
            Map<Long, Tile> filled = new TreeMap<>();
            boolean changed = false;
            for (Map.Entry<Long, Map<NodeId, Hash>> tile : byTile.entrySet()) {
                Tile stored = full.containsKey(tile.getKey()) ? full.get(tile.getKey()) : partial.get(tile.getKey());
                Tile merged = merge(stored, tile.getValue());
                if (stored != null && merged.baseCount() == stored.baseCount()) {
                    continue; // every node was there already
                }
                changed = true;
                if (merged.baseCount() == Tile.WIDTH) {
                    filled.put(tile.getKey(), merged);
                    partial.remove(tile.getKey());
                } else {
                    partial.put(tile.getKey(), merged);
                }
            }
            long leavesAfter = Math.max(before.leaves(), edge.size());
            if (!changed && leavesAfter == before.leaves()) {
                return;
            }
            filled.forEach(this::insertFull);
            if (setState(before.leaves(), leavesAfter, partial)) {
                written = new State(leavesAfter, partial);
                return;
            }
            before = readState();
        }
        throw new IllegalStateException("the tree's state kept changing under " + CONTENDED_WRITES + " appends");
    }

    private static Tile merge(Tile stored, Map<NodeId, Hash> nodes) {
        Tile merged = stored == null ? Tile.empty() : stored.copy();
        for (Map.Entry<NodeId, Hash> node : nodes.entrySet()) {
            Hash there = merged.put(node.getKey(), node.getValue());
            if (there != null && !there.equals(node.getValue())) {
                NodeId id = node.getKey();
                throw new StoreIntegrityException(
                        id.begin() + 1,
                        "the tree already holds a different hash over positions " + (id.begin() + 1) + ".." + id.end()
                                + ": those events changed after the tree took them in");
            }
        }
        return merged;
    }

    /** Full tiles are written once; one already stored (by a second builder) must be the same. */
    private void insertFull(long key, Tile tile) {
        byte[] bytes = tile.bytes();
        try {
            tiles.insertOne(new Document("_id", key)
                    .append(Tile.BASE_COUNT, Tile.WIDTH)
                    .append(Tile.HASHES, new Binary(bytes)));
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Tile stored = readTiles(List.of(key)).get(key);
            if (stored == null
                    || stored.baseCount() != Tile.WIDTH
                    || !Arrays.equals(stored.copy().bytes(), bytes)) {
                long first = tileIndex(key) << (Tile.HEIGHT * (1 + tileLevel(key)));
                throw new StoreIntegrityException(
                        first + 1,
                        "the tree already holds a different tile over position " + (first + 1)
                                + ": those events changed after the tree took them in");
            }
        }
    }

    /** Sets the size and the filling tiles if the size is still the one they were read at. */
    private boolean setState(long leavesBefore, long leavesAfter, Map<Long, Tile> partial) {
        List<Document> filling = new ArrayList<>(partial.size());
        partial.forEach((key, tile) -> filling.add(new Document(KEY, key)
                .append(Tile.BASE_COUNT, tile.baseCount())
                .append(Tile.HASHES, new Binary(tile.bytes()))));
        Document filter = new Document("_id", STATE_ID)
                .append(LEAVES, leavesBefore == 0 ? new Document("$exists", false) : leavesBefore);
        Document update = new Document("$set", new Document(LEAVES, leavesAfter).append(PARTIAL, filling));
        try {
            return state.updateOne(filter, update, new UpdateOptions().upsert(leavesBefore == 0))
                                    .getMatchedCount()
                            == 1
                    || leavesBefore == 0;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false; // another builder set the first size meanwhile
            }
            throw e;
        }
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
        Map<NodeId, Hash> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        State current = readState();
        List<Long> keys = new ArrayList<>();
        for (NodeId node : wanted) {
            long key = tileKey(node);
            if (!current.partial().containsKey(key)) {
                keys.add(key);
            }
        }
        Map<Long, Tile> read = new HashMap<>(readTiles(keys));
        read.putAll(current.partial());
        for (NodeId node : wanted) {
            Tile tile = read.get(tileKey(node));
            Hash hash = tile == null ? null : tile.get(node);
            if (hash != null) {
                found.put(node, hash);
            }
        }
        return found;
    }

    /** The size and the tiles still filling, as one document holds them. */
    private record State(long leaves, Map<Long, Tile> partial) {}

    private State readState() {
        Document found = state.find(new Document("_id", STATE_ID))
                .projection(Projections.include(LEAVES, PARTIAL))
                .first();
        Map<Long, Tile> partial = new TreeMap<>();
        if (found != null && found.get(PARTIAL) instanceof List<?> filling) {
            for (Object entry : filling) {
                if (entry instanceof Document document && document.get(KEY) instanceof Number key) {
                    Tile tile = Tile.of(document);
                    if (tile != null) {
                        partial.put(key.longValue(), tile);
                    }
                }
            }
        }
        return new State(leavesOf(found), partial);
    }

    private static long leavesOf(Document state) {
        Number leaves = state == null ? null : state.get(LEAVES, Number.class);
        return leaves == null ? 0 : leaves.longValue();
    }

    /** Of the given tiles, those that are full in a tree of {@code leaves} leaves. */
    private static List<Long> fullAt(Collection<Long> keys, long leaves) {
        List<Long> full = new ArrayList<>();
        for (long key : keys) {
            long baseNodes = leaves >> (Tile.HEIGHT * tileLevel(key));
            if (baseNodes >= (tileIndex(key) + 1) * Tile.WIDTH) {
                full.add(key);
            }
        }
        return full;
    }

    private static int tileLevel(long key) {
        return (int) (key >>> INDEX_BITS);
    }

    private static long tileIndex(long key) {
        return key & ((1L << INDEX_BITS) - 1);
    }

    private Map<Long, Tile> readTiles(Collection<Long> keys) {
        Map<Long, Tile> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        List<Long> distinct = keys.stream().distinct().toList();
        for (Document document :
                tiles.find(new Document("_id", new Document("$in", distinct))).batchSize(distinct.size())) {
            Tile tile = Tile.of(document);
            if (tile != null) {
                found.put(document.get("_id", Number.class).longValue(), tile);
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
