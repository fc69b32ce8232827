package io.certbridge.anchoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import io.certbridge.shared.Sha256;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 1000})
    void everyPathFoldsToTheRootAndNothingElseDoes(int size) {
        List<byte[]> leaves = leaves(size);
        MerkleTree tree = MerkleTree.of(leaves);

        for (int i = 0; i < size; i++) {
            List<MerkleTree.Step> path = tree.path(i);
            assertThat(MerkleTree.fold(leaves.get(i), path)).as("leaf %d of %d", i, size).isEqualTo(tree.root());

            assertThat(MerkleTree.fold(Sha256.of("another leaf"), path)).isNotEqualTo(tree.root());
            for (int step = 0; step < path.size(); step++) {
                List<MerkleTree.Step> changed = new ArrayList<>(path);
                byte[] sibling = path.get(step).sibling().clone();
                sibling[0] ^= 1;
                changed.set(step, new MerkleTree.Step(path.get(step).left(), sibling));
                assertThat(MerkleTree.fold(leaves.get(i), changed)).isNotEqualTo(tree.root());
            }
        }
    }

    @Test
    void aSingleLeafIsItsOwnRoot() {
        byte[] leaf = Sha256.of("only");
        MerkleTree tree = MerkleTree.of(List.of(leaf));

        assertThat(tree.root()).isEqualTo(leaf);
        assertThat(tree.path(0)).isEmpty();
    }

    /** cert-issuer's tests/test_merkle_tree_generator.py: the leaves are SHA-256 of "1", "2", "3". */
    @Test
    void theOddNodeIsCarriedUpAsCertIssuerDoes() {
        MerkleTree tree = MerkleTree.of(List.of(Sha256.of("1"), Sha256.of("2"), Sha256.of("3")));

        assertThat(HEX.formatHex(tree.root()))
                .isEqualTo("0932f1d2e98219f7d7452801e2b64ebd9e5c005539db12d9b1ddabe7834d9044");
        assertThat(describe(tree.path(0))).containsExactly(
                "right d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35",
                "right 4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce");
        assertThat(describe(tree.path(2))).containsExactly(
                "left 4295f72eeb1e3507b8461e240e3b8d18c1e7bd2f1122b11fc9ec40a65894031a");
    }

    @Test
    void aTreeOfAHundredThousandLeavesAndAllItsPathsTakeWellUnderASecond() {
        List<byte[]> leaves = leaves(100_000);
        long steps = assertTimeout(Duration.ofSeconds(1), () -> {
            MerkleTree tree = MerkleTree.of(leaves);
            long count = 0;
            for (int i = 0; i < leaves.size(); i++) {
                count += tree.path(i).size();
            }
            return count;
        });

        assertThat(steps).isBetween(16L * leaves.size(), 17L * leaves.size());
    }

    private static List<byte[]> leaves(int size) {
        return IntStream.range(0, size).mapToObj(i -> Sha256.of("leaf " + i)).toList();
    }

    private static List<String> describe(List<MerkleTree.Step> path) {
        return path.stream().map(s -> (s.left() ? "left " : "right ") + HEX.formatHex(s.sibling())).toList();
    }
}
