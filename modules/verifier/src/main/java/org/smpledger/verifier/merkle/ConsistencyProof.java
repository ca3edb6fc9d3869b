package org.smpledger.verifier.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * That the tree of {@code toSize} leaves starts with the tree of {@code fromSize} leaves: nothing
 * of the older tree was changed, removed or reordered (RFC 9162 section 2.1.4).
 */
public record ConsistencyProof(long fromSize, long toSize, List<Hash> path) {

    public ConsistencyProof {
        Objects.requireNonNull(path, "path");
        path = List.copyOf(path);
    }

    /**
     * Whether the tree with root {@code toRoot} extends the one with {@code fromRoot}, by the
     * algorithm of RFC 9162 section 2.1.4.2. Equal sizes need an empty proof and equal roots;
     * every tree extends the empty tree (whose root must be the hash of nothing).
     */
    public boolean verify(Hash fromRoot, Hash toRoot) {
        if (fromSize < 0 || fromSize > toSize) {
            return false;
        }
        if (fromSize == toSize) {
            return path.isEmpty() && fromRoot.equals(toRoot);
        }
        if (fromSize == 0) {
            return path.isEmpty() && fromRoot.equals(TreeHashing.emptyTree());
        }
        if (path.isEmpty()) {
            return false;
        }
        List<Hash> hashes = path;
        if (Long.bitCount(fromSize) == 1) {
            hashes = new ArrayList<>(path.size() + 1);
            hashes.add(fromRoot);
            hashes.addAll(path);
        }
        long fn = fromSize - 1;
        long sn = toSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        Hash fr = hashes.get(0);
        Hash sr = hashes.get(0);
        for (int i = 1; i < hashes.size(); i++) {
            Hash c = hashes.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = TreeHashing.node(c, fr);
                sr = TreeHashing.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = TreeHashing.node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.equals(fromRoot) && sr.equals(toRoot);
    }
}
