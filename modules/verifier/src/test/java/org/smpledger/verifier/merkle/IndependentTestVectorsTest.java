package org.smpledger.verifier.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cross-check with an independent implementation of RFC 6962 / RFC 9162: the test vectors of
 * transparency-dev/merkle (Go, the Merkle library of Trillian and the Go checksum database),
 * from {@code rfc6962/rfc6962_test.go} (hashes) and {@code proof/verify_test.go} (the eight
 * leaves, the roots of trees of 1..8 leaves, inclusion and consistency proofs), at
 * https://github.com/transparency-dev/merkle. Their leaf numbers are 1-based; ours are indexes.
 */
class IndependentTestVectorsTest {

    private static final List<String> LEAVES =
            List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    private static final List<String> ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private record InclusionVector(long leafNumber, long size, List<String> proof) {}

    private record ConsistencyVector(long size1, long size2, List<String> proof) {}

    private static final List<InclusionVector> INCLUSION = List.of(
            new InclusionVector(1, 1, List.of()),
            new InclusionVector(
                    1,
                    8,
                    List.of(
                            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new InclusionVector(
                    6,
                    8,
                    List.of(
                            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new InclusionVector(3, 3, List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
            new InclusionVector(
                    2,
                    5,
                    List.of(
                            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

    private static final List<ConsistencyVector> CONSISTENCY = List.of(
            new ConsistencyVector(1, 1, List.of()),
            new ConsistencyVector(
                    1,
                    8,
                    List.of(
                            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new ConsistencyVector(
                    6,
                    8,
                    List.of(
                            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new ConsistencyVector(
                    2,
                    5,
                    List.of(
                            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
            new ConsistencyVector(
                    6,
                    7,
                    List.of(
                            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

    @Test
    void hashesOfTheEmptyTreeAnEmptyLeafAndALeaf() {
        assertThat(TreeHashing.emptyTree().hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(TreeHashing.leaf(new byte[0]).hex())
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        assertThat(TreeHashing.leaf("L123456".getBytes(StandardCharsets.US_ASCII))
                        .hex())
                .isEqualTo("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
    }

    @Test
    void rootsOfTreesOfOneToEightLeaves() {
        MemoryTree tree = vectorTree();
        CompactRange streamed = CompactRange.empty();
        for (int size = 1; size <= 8; size++) {
            streamed.append(leafHash(size - 1));
            assertThat(tree.root(size).hex()).as("root of %d leaves", size).isEqualTo(ROOTS.get(size - 1));
            assertThat(streamed.root().hex())
                    .as("streamed root of %d leaves", size)
                    .isEqualTo(ROOTS.get(size - 1));
        }
    }

    @Test
    void inclusionProofsAreTheSameAndVerify() {
        MemoryTree tree = vectorTree();
        for (InclusionVector vector : INCLUSION) {
            long index = vector.leafNumber() - 1;
            InclusionProof expected = new InclusionProof(index, vector.size(), hashes(vector.proof()));
            assertThat(tree.inclusionProof(index, vector.size()))
                    .as("proof of leaf %d in %d", index, vector.size())
                    .isEqualTo(expected);
            assertThat(expected.verify(leafHash((int) index), root(vector.size())))
                    .as("verifies")
                    .isTrue();
        }
    }

    @Test
    void consistencyProofsAreTheSameAndVerify() {
        MemoryTree tree = vectorTree();
        for (ConsistencyVector vector : CONSISTENCY) {
            ConsistencyProof expected = new ConsistencyProof(vector.size1(), vector.size2(), hashes(vector.proof()));
            assertThat(tree.consistencyProof(vector.size1(), vector.size2()))
                    .as("proof from %d to %d", vector.size1(), vector.size2())
                    .isEqualTo(expected);
            assertThat(expected.verify(root(vector.size1()), root(vector.size2())))
                    .as("verifies")
                    .isTrue();
            assertThat(expected.verify(root(vector.size2()), root(vector.size1())))
                    .as("swapped roots")
                    .isEqualTo(vector.size1() == vector.size2());
        }
    }

    private static MemoryTree vectorTree() {
        MemoryTree tree = new MemoryTree();
        for (int i = 0; i < LEAVES.size(); i++) {
            tree.append(leafHash(i));
        }
        return tree;
    }

    private static Hash leafHash(int index) {
        return TreeHashing.leaf(HexFormat.of().parseHex(LEAVES.get(index)));
    }

    private static Hash root(long size) {
        return Hash.fromHex(ROOTS.get((int) size - 1));
    }

    private static List<Hash> hashes(List<String> hex) {
        return hex.stream().map(Hash::fromHex).toList();
    }
}
