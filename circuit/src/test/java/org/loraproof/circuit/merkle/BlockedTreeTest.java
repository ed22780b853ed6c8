package org.loraproof.circuit.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.bn254.Fr;

/**
 * A tree built in blocks has the whole tree's root, and the paths read back from the blocks' node
 * files, a group's rehashed leaves and the top tree are the whole tree's paths.
 */
class BlockedTreeTest {
    private static long[] leaves(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] out = new long[4 * n];
        for (int i = 0; i < n; i++) {
            Fr.random(rng).writeLimbs(out, 4 * i);
        }
        return out;
    }

    /** The block's tree, as a task builds it: its leaves, padded with empty ones to 2^blockDepth. */
    private static MerkleTree block(long[] leaves, BlockedTree plan, int b) {
        long[] own = new long[4 << plan.blockDepth()];
        int from = plan.blockFrom(b), to = plan.blockTo(b);
        System.arraycopy(leaves, 4 * from, own, 0, 4 * (to - from));
        return MerkleTree.build(own, 1 << plan.blockDepth());
    }

    /** The blocks as tasks build them: their node files, and the top tree folded from their roots. */
    private record Built(byte[][] files, MerkleTree top) {
        BlockedTree.NodeSource nodes(BlockedTree plan) {
            return (block, level, index) -> BlockedTree.node(files[block], (int) plan.nodeOffset(level, index));
        }
    }

    private static Built build(long[] leaves, BlockedTree plan) {
        long[] roots = new long[4 * plan.blocks()];
        byte[][] files = new byte[plan.blocks()][];
        for (int b = 0; b < plan.blocks(); b++) {
            MerkleTree t = block(leaves, plan, b);
            t.root().writeLimbs(roots, 4 * b);
            files[b] = plan.nodeFile(t);
        }
        return new Built(files, MerkleTree.fold(roots, plan.blocks(), plan.blockDepth()));
    }

    @Test
    void blocksFoldToTheWholeRootAndStoredNodesGiveTheWholePaths() throws Exception {
        for (int n : new int[] {1, 5, 12, 37, 64, 100}) {
            long[] leaves = leaves(n, n);
            MerkleTree whole = MerkleTree.build(leaves, n);
            for (int tasks : new int[] {1, 2, 7}) {
                for (int storedFrom : new int[] {0, 2, 4}) {
                    BlockedTree plan = BlockedTree.plan(n, tasks, storedFrom);
                    String what = n + " leaves, " + tasks + " tasks, stored from " + storedFrom;
                    assertTrue(plan.blocks() >= Math.min(tasks, n) || plan.blockDepth() == 0, what);
                    Built built = build(leaves, plan);
                    for (byte[] f : built.files()) {
                        assertEquals(plan.nodeFileBytes(), f.length, what);
                    }
                    MerkleTree top = built.top();
                    assertEquals(whole.root(), top.root(), what);
                    BlockedTree.NodeSource nodes = built.nodes(plan);
                    for (int leaf = 0; leaf < n; leaf++) {
                        int g0 = plan.groupFrom(leaf), g1 = Math.min(n, g0 + (1 << plan.storedFrom()));
                        long[] group = new long[4 << plan.storedFrom()];
                        System.arraycopy(leaves, 4 * g0, group, 0, 4 * (g1 - g0));
                        Fr[] path = plan.path(leaf, MerkleTree.build(group, 1 << plan.storedFrom()), nodes, top);
                        assertArrayEquals(whole.path(leaf), path, what + ", leaf " + leaf);
                    }
                }
            }
        }
    }

    @Test
    void aChangedLeafOrNodeIsCaught() throws Exception {
        int n = 40;
        long[] leaves = leaves(n, 7);
        BlockedTree plan = BlockedTree.plan(n, 4, 2);
        Built built = build(leaves, plan);
        byte[][] files = built.files();
        MerkleTree top = built.top();
        BlockedTree.NodeSource nodes = built.nodes(plan);
        int leaf = 13, g0 = plan.groupFrom(leaf);
        long[] group = Arrays.copyOfRange(leaves, 4 * g0, 4 * (g0 + 4));
        group[4 * (leaf - g0)] ^= 1; // another leaf hash
        assertThrows(IllegalStateException.class, () -> plan.path(leaf, MerkleTree.build(group, 4), nodes, top));
        // a stored node above the group changed: the path no longer leads to the root
        long[] honest = Arrays.copyOfRange(leaves, 4 * g0, 4 * (g0 + 4));
        int block = leaf >> plan.blockDepth();
        int sibling = ((leaf - (block << plan.blockDepth())) >> 2) ^ 1;
        files[block][(int) plan.nodeOffset(2, sibling)] ^= 1;
        Fr[] path = plan.path(leaf, MerkleTree.build(honest, 4), nodes, top);
        Fr leafHash = Fr.fromLimbs(leaves, 4 * leaf);
        assertTrue(!MerkleTree.rootFromPath(leafHash, leaf, path).equals(top.root()));
    }
}
