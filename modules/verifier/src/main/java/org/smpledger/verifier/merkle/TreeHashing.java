package org.smpledger.verifier.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashes of RFC 6962 section 2.1 (RFC 9162 section 2.1.1) with SHA-256: a leaf is hashed
 * with the prefix byte 0x00, an inner node with 0x01, so no leaf can pass for a node.
 */
public final class TreeHashing {

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final Hash EMPTY_TREE = Hash.wrap(sha256().digest());
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(TreeHashing::sha256);

    private TreeHashing() {}

    /** {@code SHA-256(0x00 || data)}. */
    public static Hash leaf(byte[] data) {
        MessageDigest digest = DIGEST.get();
        digest.update(LEAF_PREFIX);
        digest.update(data);
        return Hash.wrap(digest.digest());
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static Hash node(Hash left, Hash right) {
        byte[] input = new byte[1 + 2 * Hash.SIZE];
        input[0] = NODE_PREFIX;
        left.copyTo(input, 1);
        right.copyTo(input, 1 + Hash.SIZE);
        return Hash.wrap(DIGEST.get().digest(input));
    }

    /** The root of the tree with no leaves: {@code SHA-256()} of nothing. */
    public static Hash emptyTree() {
        return EMPTY_TREE;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
