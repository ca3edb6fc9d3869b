package org.smpledger.verifier.merkle;

/**
 * A perfect subtree: {@code 2^level} leaves starting at leaf {@code index * 2^level}. Level 0 is a
 * leaf. Only these nodes are ever stored: any other range is hashed from them.
 */
public record NodeId(int level, long index) {

    public static final int MAX_LEVEL = 63;

    public NodeId {
        if (level < 0 || level > MAX_LEVEL || index < 0 || (level > 0 && index > (Long.MAX_VALUE >> level))) {
            throw new IllegalArgumentException("no such node: level " + level + ", index " + index);
        }
    }

    /** The first leaf the node covers. */
    public long begin() {
        return index << level;
    }

    /** One past the last leaf the node covers. */
    public long end() {
        return (index + 1) << level;
    }
}
