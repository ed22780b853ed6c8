package org.loraproof.circuit.merkle;

import java.util.Arrays;
import org.loraproof.circuit.Workers;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.Simd;
import org.loraproof.circuit.poseidon.Poseidon;
import org.loraproof.circuit.poseidon.PoseidonLanes;

/**
 * A binary Merkle tree over leaf hashes with inner nodes Poseidon(left, right). The leaf count
 * is padded to a power of two with {@link #EMPTY_LEAF}. A tree can be built whole, or as the roots
 * of aligned blocks of 2^b leaves ({@link #subtreeRoot}) folded into the same root
 * ({@link #fold}): the split a distributed build uses. Leaf hashes and nodes are Montgomery limbs,
 * four per element.
 */
public final class MerkleTree {
    /** The value of a padding leaf. */
    public static final Fr EMPTY_LEAF = Fr.ZERO;
    private static final int PARALLEL_THRESHOLD = 1 << 12;

    /** levels[0] are the (padded) leaves, levels[depth] the root. */
    private final long[][] levels;

    private MerkleTree(long[][] levels) {
        this.levels = levels;
    }

    /** The tree over the first n leaf hashes of {@code leaves}, padded to a power of two. */
    public static MerkleTree build(long[] leaves, int n) {
        int depth = depthFor(n);
        int size = 1 << depth;
        long[] level = new long[4 * size];
        System.arraycopy(leaves, 0, level, 0, 4 * n);
        for (int i = n; i < size; i++) {
            EMPTY_LEAF.writeLimbs(level, 4 * i);
        }
        long[][] levels = new long[depth + 1][];
        levels[0] = level;
        for (int d = 1; d <= depth; d++) {
            levels[d] = hashLevel(levels[d - 1], size >> d);
        }
        return new MerkleTree(levels);
    }

    /** The smallest depth whose tree holds n leaves (at least one leaf). */
    public static int depthFor(long n) {
        int d = 0;
        while ((1L << d) < Math.max(1, n)) {
            d++;
        }
        return d;
    }

    /** Parents of a level: out[i] = Poseidon(in[2i], in[2i + 1]) for i < count. */
    private static long[] hashLevel(long[] in, int count) {
        long[] out = new long[4 * count];
        int chunk = PARALLEL_THRESHOLD;
        int chunks = (count + chunk - 1) / chunk;
        Workers.parallelFor(chunks, c -> {
            int from = c * chunk, to = Math.min(count, from + chunk);
            if (Simd.ENABLED) {
                new PoseidonLanes(2).hashAll(in, 8 * from, to - from, out, 4 * from);
                return;
            }
            Poseidon h = new Poseidon(2);
            for (int i = from; i < to; i++) {
                h.hash2(in, 8 * i, in, 8 * i + 4, out, 4 * i);
            }
        });
        return out;
    }

    public int depth() {
        return levels.length - 1;
    }

    public Fr root() {
        return Fr.fromLimbs(levels[depth()], 0);
    }

    /** A whole level as Montgomery limbs, four per node (the tree's own array: read it, never change it). */
    public long[] levelLimbs(int level) {
        return levels[level];
    }

    /** The node at (level, index), level 0 being the leaves. */
    public Fr node(int level, int index) {
        return Fr.fromLimbs(levels[level], 4 * index);
    }

    /** The siblings from leaf {@code index} up to the root, bottom first. */
    public Fr[] path(int index) {
        if (index < 0 || index >= levels[0].length / 4) {
            throw new IndexOutOfBoundsException("leaf " + index + " outside a tree of " + levels[0].length / 4);
        }
        Fr[] siblings = new Fr[depth()];
        for (int d = 0; d < depth(); d++) {
            siblings[d] = node(d, (index >> d) ^ 1);
        }
        return siblings;
    }

    /** The root reached from a leaf hash along its path (the native twin of the path gadget). */
    public static Fr rootFromPath(Fr leaf, int index, Fr[] siblings) {
        Fr node = leaf;
        for (int d = 0; d < siblings.length; d++) {
            node = ((index >> d) & 1) == 0 ? Poseidon.hash(node, siblings[d]) : Poseidon.hash(siblings[d], node);
        }
        return node;
    }

    /**
     * The root of the aligned block of 2^blockDepth leaves starting at leaf {@code from}; leaves at
     * or beyond {@code available} count as empty.
     */
    public static Fr subtreeRoot(long[] leaves, int from, int blockDepth, int available) {
        int size = 1 << blockDepth;
        long[] block = new long[4 * size];
        int real = Math.max(0, Math.min(size, available - from));
        System.arraycopy(leaves, 4 * from, block, 0, 4 * real);
        for (int i = real; i < size; i++) {
            EMPTY_LEAF.writeLimbs(block, 4 * i);
        }
        return build(block, size).root();
    }

    /** The root of 2^depth empty leaves. */
    public static Fr emptyRoot(int depth) {
        Fr node = EMPTY_LEAF;
        for (int d = 0; d < depth; d++) {
            node = Poseidon.hash(node, node);
        }
        return node;
    }

    /**
     * The top tree over the roots of consecutive blocks of 2^blockDepth leaves: padded with the
     * roots of empty blocks, its root equals the root of the whole tree, and its paths are the
     * top parts of the leaves' paths.
     */
    public static MerkleTree fold(long[] blockRoots, int blocks, int blockDepth) {
        int depth = depthFor(blocks);
        long[] level = Arrays.copyOf(blockRoots, 4 * (1 << depth));
        Fr empty = emptyRoot(blockDepth);
        for (int i = blocks; i < 1 << depth; i++) {
            empty.writeLimbs(level, 4 * i);
        }
        long[][] levels = new long[depth + 1][];
        levels[0] = level;
        for (int d = 1; d <= depth; d++) {
            levels[d] = hashLevel(levels[d - 1], (1 << depth) >> d);
        }
        return new MerkleTree(levels);
    }
}
