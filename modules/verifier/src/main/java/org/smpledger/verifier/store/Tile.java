package org.smpledger.verifier.store;

import org.bson.Document;
import org.bson.types.Binary;
import org.smpledger.verifier.merkle.Hash;
import org.smpledger.verifier.merkle.NodeId;

/**
 * One stored tile: {@code n} base nodes (level {@code 8t} of tile level {@code t}, 1 to 256) and
 * every complete node above them inside the tile. {@code h} holds, for sub-levels {@code s = 0..7}
 * in turn, the {@code n >> s} complete nodes of level {@code 8t + s}, left to right, 32 bytes each:
 * a node of sub-level {@code s} and slot {@code i} (its index modulo {@code 256 >> s}) is at
 * {@code 32 * (sum of n >> k for k < s, plus i)}.
 */
final class Tile {

    static final int HEIGHT = 8;
    static final int WIDTH = 1 << HEIGHT;
    static final String BASE_COUNT = "n";
    static final String HASHES = "h";

    private final int baseCount;
    private final byte[] packed;
    private final Hash[][] nodes;

    private Tile(int baseCount, byte[] packed, Hash[][] nodes) {
        this.baseCount = baseCount;
        this.packed = packed;
        this.nodes = nodes;
    }

    static Tile empty() {
        return new Tile(0, null, newLevels());
    }

    /** The tile a stored document holds, or null when the document is not a tile. */
    static Tile of(Document document) {
        Number count = document.get(BASE_COUNT, Number.class);
        Object hashes = document.get(HASHES);
        if (count == null || !(hashes instanceof Binary binary)) {
            return null;
        }
        int n = count.intValue();
        if (n < 1 || n > WIDTH || binary.length() != Hash.SIZE * hashesOf(n, HEIGHT)) {
            return null;
        }
        return new Tile(n, binary.getData(), null);
    }

    /** The base nodes the tile holds. */
    int baseCount() {
        return nodes != null ? filledBase() : baseCount;
    }

    /** The stored hash of a node of this tile, or null when the tile does not hold it (yet). */
    Hash get(NodeId node) {
        int subLevel = node.level() % HEIGHT;
        int slot = slot(node);
        if (nodes != null) {
            return nodes[subLevel][slot];
        }
        if (slot >= baseCount >> subLevel) {
            return null;
        }
        int offset = Hash.SIZE * (hashesOf(baseCount, subLevel) + slot);
        byte[] hash = new byte[Hash.SIZE];
        System.arraycopy(packed, offset, hash, 0, Hash.SIZE);
        return Hash.of(hash);
    }

    /** A changeable copy holding the same nodes. */
    Tile copy() {
        Hash[][] levels = newLevels();
        int n = baseCount();
        for (int subLevel = 0; subLevel < HEIGHT; subLevel++) {
            for (int slot = 0; slot < n >> subLevel; slot++) {
                levels[subLevel][slot] = get(new NodeId(subLevel, slot));
            }
        }
        return new Tile(baseCount, null, levels);
    }

    /** Sets a node of a copy; returns what the tile held there before (null if nothing). */
    Hash put(NodeId node, Hash hash) {
        Hash[] level = nodes[node.level() % HEIGHT];
        int slot = slot(node);
        Hash before = level[slot];
        if (before == null) {
            level[slot] = hash;
        }
        return before;
    }

    /** The base nodes a copy holds: the leading run of set base slots. */
    private int filledBase() {
        int n = 0;
        while (n < WIDTH && nodes[0][n] != null) {
            n++;
        }
        return n;
    }

    /** The nodes in the stored layout, as a tile of {@link #baseCount()} base nodes. */
    byte[] bytes() {
        if (nodes == null) {
            return packed.clone();
        }
        int n = filledBase();
        byte[] out = new byte[Hash.SIZE * hashesOf(n, HEIGHT)];
        int offset = 0;
        for (int subLevel = 0; subLevel < HEIGHT; subLevel++) {
            for (int slot = 0; slot < n >> subLevel; slot++) {
                Hash hash = nodes[subLevel][slot];
                if (hash == null) {
                    throw new IllegalStateException(
                            "a tile of " + n + " base nodes lacks its node " + subLevel + "/" + slot);
                }
                hash.copyTo(out, offset);
                offset += Hash.SIZE;
            }
        }
        return out;
    }

    private static int slot(NodeId node) {
        return (int) (node.index() & ((WIDTH >> (node.level() % HEIGHT)) - 1));
    }

    /** The hashes of sub-levels below {@code subLevel} in a tile of {@code n} base nodes. */
    private static int hashesOf(int n, int subLevel) {
        int count = 0;
        for (int k = 0; k < subLevel; k++) {
            count += n >> k;
        }
        return count;
    }

    private static Hash[][] newLevels() {
        Hash[][] levels = new Hash[HEIGHT][];
        for (int subLevel = 0; subLevel < HEIGHT; subLevel++) {
            levels[subLevel] = new Hash[WIDTH >> subLevel];
        }
        return levels;
    }
}
