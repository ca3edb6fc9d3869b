package org.smpledger.verifier.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random trees of 1..2,000 leaves: every inclusion and consistency proof the stored-node code
 * produces equals the one the RFC 6962 definitions give when applied literally (a recursive
 * reference in this test), verifies, and stops verifying after any single-bit change to a proof
 * element, the leaf hash or either root. The seed is printed with every failure; rerun with
 * {@code -Dsmp.property.seed=<seed>}.
 */
class ProofPropertyTest {

    private static final long SEED = Long.getLong("smp.property.seed", System.nanoTime());
    private static final int TREES = 32;
    private static final int MAX_LEAVES = 2_000;
    private static final int BIT_FLIPPED_PROOFS_PER_TREE = 2;

    private final Random random = new Random(SEED);

    @Test
    void everyProofVerifiesAndAnySingleBitChangeBreaksIt() {
        List<Integer> sizes = new ArrayList<>(List.of(1, 2, 3, 4, 5, 7, 8, 1024, 1025, MAX_LEAVES));
        while (sizes.size() < TREES) {
            sizes.add(1 + random.nextInt(MAX_LEAVES));
        }
        for (int size : sizes) {
            checkTree(size);
        }
    }

    private void checkTree(int size) {
        String context = "seed " + SEED + ", tree of " + size;
        List<Hash> leaves = new ArrayList<>(size);
        MemoryTree tree = new MemoryTree();
        for (int i = 0; i < size; i++) {
            byte[] data = new byte[random.nextInt(40)];
            random.nextBytes(data);
            leaves.add(TreeHashing.leaf(data));
            tree.append(leaves.get(i));
        }
        Reference reference = new Reference(leaves);
        Hash[] roots = new Hash[size + 1];
        for (int n = 0; n <= size; n++) {
            roots[n] = reference.root(n);
        }
        assertThat(tree.root()).as(context).isEqualTo(roots[size]);

        // every leaf, in the full tree and in a random smaller one
        int smaller = 1 + random.nextInt(size);
        for (int n : new int[] {size, smaller}) {
            for (int index = 0; index < n; index++) {
                InclusionProof proof = tree.inclusionProof(index, n);
                assertThat(proof.path())
                        .as("%s: inclusion of %d in %d", context, index, n)
                        .isEqualTo(reference.path(index, n));
                assertThat(proof.verify(leaves.get(index), roots[n]))
                        .as("%s: inclusion of %d in %d verifies", context, index, n)
                        .isTrue();
            }
        }
        // every older size to the full tree, and to a random one
        int target = 1 + random.nextInt(size);
        for (int to : new int[] {size, target}) {
            for (int from = 0; from <= to; from++) {
                ConsistencyProof proof = tree.consistencyProof(from, to);
                assertThat(proof.path())
                        .as("%s: consistency %d to %d", context, from, to)
                        .isEqualTo(reference.proof(from, to));
                assertThat(proof.verify(roots[from], roots[to]))
                        .as("%s: consistency %d to %d verifies", context, from, to)
                        .isTrue();
            }
        }

        for (int i = 0; i < BIT_FLIPPED_PROOFS_PER_TREE; i++) {
            int n = 1 + random.nextInt(size);
            int index = random.nextInt(n);
            InclusionProof proof = tree.inclusionProof(index, n);
            String what = context + ": inclusion of " + index + " in " + n;
            forEveryBitFlip(
                    proof.path(),
                    changed -> assertThat(new InclusionProof(index, n, changed).verify(leaves.get(index), roots[n]))
                            .as(what + " with a changed proof bit")
                            .isFalse());
            forEveryBitFlip(
                    leaves.get(index),
                    changed -> assertThat(proof.verify(changed, roots[n]))
                            .as(what + " with a changed leaf bit")
                            .isFalse());
            forEveryBitFlip(
                    roots[n],
                    changed -> assertThat(proof.verify(leaves.get(index), changed))
                            .as(what + " with a changed root bit")
                            .isFalse());
            assertThat(new InclusionProof(index, n, withExtra(proof.path(), roots[n]))
                            .verify(leaves.get(index), roots[n]))
                    .as(what + " with an extra element")
                    .isFalse();
            if (!proof.path().isEmpty()) {
                assertThat(new InclusionProof(
                                        index,
                                        n,
                                        proof.path().subList(0, proof.path().size() - 1))
                                .verify(leaves.get(index), roots[n]))
                        .as(what + " without its last element")
                        .isFalse();
            }

            int to = 2 + random.nextInt(Math.max(1, size - 1));
            if (to > size) {
                continue;
            }
            int from = 1 + random.nextInt(to - 1);
            ConsistencyProof consistency = tree.consistencyProof(from, to);
            String between = context + ": consistency " + from + " to " + to;
            forEveryBitFlip(
                    consistency.path(),
                    changed -> assertThat(new ConsistencyProof(from, to, changed).verify(roots[from], roots[to]))
                            .as(between + " with a changed proof bit")
                            .isFalse());
            forEveryBitFlip(
                    roots[from],
                    changed -> assertThat(consistency.verify(changed, roots[to]))
                            .as(between + " with a changed old root bit")
                            .isFalse());
            forEveryBitFlip(
                    roots[to],
                    changed -> assertThat(consistency.verify(roots[from], changed))
                            .as(between + " with a changed new root bit")
                            .isFalse());
            assertThat(new ConsistencyProof(from, to, List.of()).verify(roots[from], roots[to]))
                    .as(between + " with an empty proof")
                    .isFalse();
        }
    }

    private interface Check<T> {
        void accept(T changed);
    }

    private static void forEveryBitFlip(List<Hash> path, Check<List<Hash>> check) {
        for (int element = 0; element < path.size(); element++) {
            int at = element;
            forEveryBitFlip(path.get(element), changed -> {
                List<Hash> copy = new ArrayList<>(path);
                copy.set(at, changed);
                check.accept(copy);
            });
        }
    }

    private static void forEveryBitFlip(Hash hash, Check<Hash> check) {
        for (int bit = 0; bit < Hash.SIZE * 8; bit++) {
            byte[] bytes = hash.bytes();
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            check.accept(Hash.of(bytes));
        }
    }

    private static List<Hash> withExtra(List<Hash> path, Hash extra) {
        List<Hash> longer = new ArrayList<>(path);
        longer.add(extra);
        return longer;
    }

    /**
     * RFC 6962 sections 2.1, 2.1.1 and 2.1.2 written as the definitions read: recursion over
     * ranges of the leaf list (subtree hashes memoized, or the test would take minutes).
     */
    static final class Reference {

        private final List<Hash> leaves;
        private final Map<Long, Hash> subtrees = new HashMap<>();

        Reference(List<Hash> leaves) {
            this.leaves = leaves;
        }

        Hash root(int n) {
            return n == 0 ? TreeHashing.emptyTree() : mth(0, n);
        }

        // MTH(D[begin:end])
        private Hash mth(int begin, int end) {
            if (end - begin == 1) {
                return leaves.get(begin);
            }
            long key = ((long) begin << 32) | end;
            Hash known = subtrees.get(key);
            if (known != null) {
                return known;
            }
            int k = split(end - begin);
            Hash hash = TreeHashing.node(mth(begin, begin + k), mth(begin + k, end));
            subtrees.put(key, hash);
            return hash;
        }

        // PATH(m, D[0:n])
        List<Hash> path(int m, int n) {
            List<Hash> path = new ArrayList<>();
            path(m, 0, n, path);
            return path;
        }

        private void path(int m, int begin, int end, List<Hash> out) {
            if (end - begin <= 1) {
                return;
            }
            int k = split(end - begin);
            if (m - begin < k) {
                path(m, begin, begin + k, out);
                out.add(mth(begin + k, end));
            } else {
                path(m, begin + k, end, out);
                out.add(mth(begin, begin + k));
            }
        }

        // PROOF(m, D[0:n])
        List<Hash> proof(int m, int n) {
            List<Hash> proof = new ArrayList<>();
            if (m > 0 && m < n) {
                subproof(m, 0, n, true, proof);
            }
            return proof;
        }

        private void subproof(int m, int begin, int end, boolean complete, List<Hash> out) {
            if (m == end) {
                if (!complete) {
                    out.add(mth(begin, end));
                }
                return;
            }
            int k = split(end - begin);
            if (m - begin <= k) {
                subproof(m, begin, begin + k, complete, out);
                out.add(mth(begin + k, end));
            } else {
                subproof(m, begin + k, end, false, out);
                out.add(mth(begin, begin + k));
            }
        }

        private static int split(int n) {
            int k = 1;
            while (k * 2 < n) {
                k *= 2;
            }
            return k;
        }
    }
}
