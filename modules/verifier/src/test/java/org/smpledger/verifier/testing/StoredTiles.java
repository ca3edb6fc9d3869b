package org.smpledger.verifier.testing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.smpledger.verifier.merkle.Hash;
import org.smpledger.verifier.merkle.NodeId;

/**
 * Reads and tampers with the stored tree by the layout docs/verifiable-log.md gives, not by the
 * production code's: full tiles {@code {_id: t << 56 | tile index, n: 256, h}} in
 * {@code verifiable_log_tiles}, the tiles still filling as {@code {k, n, h}} in the state document's
 * {@code partial}; {@code h} = for s = 0..7 the {@code n >> s} nodes of level 8t + s, 32 bytes each.
 */
public final class StoredTiles {

    public static final String COLLECTION = "verifiable_log_tiles";
    private static final String STATE = "verifiable_log_state";

    private StoredTiles() {}

    /** How many full tiles a tree of {@code size} leaves has. */
    public static long fullTiles(long size) {
        long tiles = 0;
        for (long base = size; base > 0; base >>= 8) {
            tiles += base / 256;
        }
        return tiles;
    }

    /** How many tiles of a tree of {@code size} leaves are still filling: one per level with a remainder. */
    public static long fillingTiles(long size) {
        long tiles = 0;
        for (long base = size; base > 0; base >>= 8) {
            tiles += base % 256 == 0 ? 0 : 1;
        }
        return tiles;
    }

    /** The filling tiles the state document holds. */
    public static List<Document> filling(MongoDatabase database) {
        Document state =
                database.getCollection(STATE).find(Filters.eq("_id", "tree")).first();
        return state == null ? List.of() : state.getList("partial", Document.class, List.of());
    }

    /** Every node the stored tiles hold. */
    public static Map<NodeId, Hash> nodes(MongoDatabase database) {
        Map<NodeId, Hash> nodes = new HashMap<>();
        for (Document tile : tiles(database).find()) {
            decode(tile.get("_id", Number.class).longValue(), tile, nodes);
        }
        for (Document tile : filling(database)) {
            decode(tile.get("k", Number.class).longValue(), tile, nodes);
        }
        return nodes;
    }

    /** Replaces the stored hash of one node in its tile, full or filling. */
    public static void overwrite(MongoDatabase database, NodeId node, byte[] hash) {
        int s = node.level() % 8;
        long id = ((long) (node.level() / 8) << 56) | (node.index() >> (8 - s));
        Document full = tiles(database).find(Filters.eq("_id", id)).first();
        if (full != null) {
            tiles(database).updateOne(Filters.eq("_id", id), Updates.set("h", new Binary(replaced(full, node, hash))));
            return;
        }
        List<Document> filling = new ArrayList<>(filling(database));
        for (Document tile : filling) {
            if (tile.get("k", Number.class).longValue() == id) {
                tile.put("h", new Binary(replaced(tile, node, hash)));
                database.getCollection(STATE).updateOne(Filters.eq("_id", "tree"), Updates.set("partial", filling));
                return;
            }
        }
        throw new AssertionError("no tile holds " + node);
    }

    /** Loses the tree: its tiles and its size (the checkpoints stay). */
    public static void lose(MongoDatabase database) {
        tiles(database).drop();
        database.getCollection(STATE)
                .updateOne(
                        Filters.eq("_id", "tree"), Updates.combine(Updates.unset("leaves"), Updates.unset("partial")));
    }

    private static byte[] replaced(Document tile, NodeId node, byte[] hash) {
        int s = node.level() % 8;
        int n = tile.getInteger("n");
        byte[] h = tile.get("h", Binary.class).getData();
        int offset = 0;
        for (int k = 0; k < s; k++) {
            offset += n >> k;
        }
        offset += (int) (node.index() & ((256 >> s) - 1));
        System.arraycopy(hash, 0, h, 32 * offset, 32);
        return h;
    }

    private static void decode(long id, Document tile, Map<NodeId, Hash> nodes) {
        int tileLevel = (int) (id >>> 56);
        long tileIndex = id & ((1L << 56) - 1);
        int n = tile.getInteger("n");
        byte[] h = tile.get("h", Binary.class).getData();
        int offset = 0;
        for (int s = 0; s < 8; s++) {
            for (int slot = 0; slot < n >> s; slot++) {
                byte[] hash = new byte[32];
                System.arraycopy(h, offset, hash, 0, 32);
                offset += 32;
                nodes.put(new NodeId(8 * tileLevel + s, (tileIndex << (8 - s)) + slot), Hash.of(hash));
            }
        }
        if (offset != h.length) {
            throw new AssertionError("tile " + id + " of " + n + " base nodes has " + h.length + " bytes");
        }
    }

    private static MongoCollection<Document> tiles(MongoDatabase database) {
        return database.getCollection(COLLECTION);
    }
}
