package org.loraproof.circuit.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.poseidon.Poseidon;

/** Whole trees against a naive recursion; folded block roots against the whole root; paths. */
class MerkleTreeTest {

    static long[] leaves(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] l = new long[4 * n];
        for (int i = 0; i < n; i++) {
            Fr.random(rng).writeLimbs(l, 4 * i);
        }
        return l;
    }

    private static Fr naiveRoot(Fr[] level) {
        if (level.length == 1) {
            return level[0];
        }
        Fr[] up = new Fr[level.length / 2];
        for (int i = 0; i < up.length; i++) {
            up[i] = Poseidon.hash(level[2 * i], level[2 * i + 1]);
        }
        return naiveRoot(up);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 13, 64})
    void rootEqualsNaiveRecursionWithPadding(int n) {
        long[] l = leaves(n, n);
        int size = Integer.highestOneBit(Math.max(1, n - 1)) * 2;
        if (n == 1) {
            size = 1;
        }
        Fr[] padded = new Fr[size];
        Arrays.fill(padded, MerkleTree.EMPTY_LEAF);
        for (int i = 0; i < n; i++) {
            padded[i] = Fr.fromLimbs(l, 4 * i);
        }
        assertEquals(naiveRoot(padded), MerkleTree.build(l, n).root());
    }

    @Test
    void foldingBlockRootsEqualsTheWholeRoot() {
        int n = 1000;
        long[] l = leaves(n, 7);
        MerkleTree whole = MerkleTree.build(l, n);
        for (int blockDepth : new int[] {0, 1, 3, 6, 10}) {
            int block = 1 << blockDepth;
            int blocks = (n + block - 1) / block;
            long[] roots = new long[4 * blocks];
            for (int b = 0; b < blocks; b++) {
                MerkleTree.subtreeRoot(l, b * block, blockDepth, n).writeLimbs(roots, 4 * b);
            }
            MerkleTree top = MerkleTree.fold(roots, blocks, blockDepth);
            assertEquals(whole.root(), top.root(), "block depth " + blockDepth);
            // the path splits into the in-block part and the top tree's path of the block
            int leaf = 777;
            Fr[] full = whole.path(leaf);
            Fr[] upper = top.path(leaf >> blockDepth);
            assertArrayEquals(Arrays.copyOfRange(full, blockDepth, full.length), upper);
        }
    }

    @Test
    void pathsLeadToTheRootAndNotFromElsewhere() {
        int n = 37;
        long[] l = leaves(n, 3);
        MerkleTree t = MerkleTree.build(l, n);
        for (int i : new int[] {0, 1, 17, 36, 63}) {
            Fr leaf = t.node(0, i);
            assertEquals(t.root(), MerkleTree.rootFromPath(leaf, i, t.path(i)));
            if (!leaf.equals(t.path(i)[0])) { // two padding leaves swap unnoticed
                assertNotEquals(t.root(), MerkleTree.rootFromPath(leaf, i ^ 1, t.path(i)));
            }
        }
        assertEquals(MerkleTree.EMPTY_LEAF, MerkleTree.build(new long[0], 0).root());
        assertEquals(MerkleTree.emptyRoot(3), MerkleTree.build(new long[0], 0).root().equals(MerkleTree.EMPTY_LEAF)
                ? MerkleTree.build(new long[4 * 8], 8).root() : null);
    }
}
