package io.certbridge.anchoring;

import io.certbridge.shared.Sha256;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A SHA-256 binary Merkle tree over 32-byte leaves, as Blockcerts builds it: a parent is
 * SHA-256(left ‖ right) of the raw bytes, in order, never sorted.
 *
 * <p>The last node of a level with an odd number of nodes is carried up to the next level unchanged
 * (not paired with a copy of itself, as Bitcoin does), and a path has no step for that level. This is
 * what the merkle tools cert-issuer uses do (blockcerts-merkletools, Tierion's pymerkletools:
 * {@code _calculate_next_level} appends the "solo leaf", {@code get_proof} skips an odd end node);
 * cert-issuer's own test of three leaves expects the paths [right l2, right l3] and [left H(l1 ‖ l2)].
 */
public final class MerkleTree {

    /** One step up the path: the sibling's hash, and whether the sibling is on the left. */
    public record Step(boolean left, byte[] sibling) {
    }

    private static final int HASH_LENGTH = 32;

    /** levels[0] holds the leaves, the last level the root alone. */
    private final byte[][][] levels;

    private MerkleTree(byte[][][] levels) {
        this.levels = levels;
    }

    public static MerkleTree of(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        List<byte[][]> levels = new ArrayList<>();
        byte[][] level = new byte[leaves.size()][];
        for (int i = 0; i < level.length; i++) {
            byte[] leaf = leaves.get(i);
            if (leaf.length != HASH_LENGTH) {
                throw new IllegalArgumentException("leaf " + i + " is " + leaf.length + " bytes, not " + HASH_LENGTH);
            }
            level[i] = leaf.clone();
        }
        levels.add(level);
        MessageDigest sha256 = Sha256.digest();
        while (level.length > 1) {
            byte[][] parents = new byte[(level.length + 1) / 2][];
            for (int i = 0; i + 1 < level.length; i += 2) {
                sha256.update(level[i]);
                parents[i / 2] = sha256.digest(level[i + 1]);
            }
            if (level.length % 2 == 1) {
                parents[parents.length - 1] = level[level.length - 1];
            }
            levels.add(parents);
            level = parents;
        }
        return new MerkleTree(levels.toArray(byte[][][]::new));
    }

    public int size() {
        return levels[0].length;
    }

    public byte[] root() {
        return levels[levels.length - 1][0].clone();
    }

    /** The siblings from the leaf up to the root. */
    public List<Step> path(int leafIndex) {
        if (leafIndex < 0 || leafIndex >= size()) {
            throw new IndexOutOfBoundsException("no leaf " + leafIndex + " in a tree of " + size());
        }
        List<Step> path = new ArrayList<>(levels.length - 1);
        int index = leafIndex;
        for (int level = 0; level < levels.length - 1; level++) {
            byte[][] nodes = levels[level];
            boolean carriedUp = index == nodes.length - 1 && nodes.length % 2 == 1;
            if (!carriedUp) {
                boolean isRightNode = index % 2 == 1;
                path.add(new Step(isRightNode, nodes[isRightNode ? index - 1 : index + 1].clone()));
            }
            index /= 2;
        }
        return path;
    }

    /** The root that {@code path} leads to from {@code leaf}. */
    public static byte[] fold(byte[] leaf, List<Step> path) {
        MessageDigest sha256 = Sha256.digest();
        byte[] hash = leaf;
        for (Step step : path) {
            sha256.update(step.left() ? step.sibling() : hash);
            hash = sha256.digest(step.left() ? hash : step.sibling());
        }
        return hash.clone();
    }
}
