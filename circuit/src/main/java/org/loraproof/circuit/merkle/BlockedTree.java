package org.loraproof.circuit.merkle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.loraproof.circuit.bn254.Fr;

/**
 * A Merkle tree over {@code leaves} leaf hashes built in aligned blocks of 2^blockDepth leaves (one
 * task each; {@link MerkleTree#fold} joins their roots into the whole tree's root), and kept for
 * openings without its leaves: each block keeps its levels {@code storedFrom} … {@code blockDepth}
 * (its node file), the top tree above the blocks is kept whole, and an opening rehashes the
 * 2^storedFrom leaves of its group. Storing from level s costs 32·2^(depth−s+1) bytes and an
 * opening 2^s leaf hashes.
 *
 * @param leaves leaves before padding
 * @param depth the whole tree's depth
 * @param blockDepth levels in a block
 * @param storedFrom the lowest level a node file keeps (≤ blockDepth)
 */
public record BlockedTree(int leaves, int depth, int blockDepth, int storedFrom) {
    public static final int NODE_BYTES = 32;
    /** The largest block: 2^22 leaf hashes (128 MiB) and their tree in one task. */
    public static final int MAX_BLOCK_DEPTH = 22;

    public BlockedTree {
        if (leaves < 1 || blockDepth < 0 || blockDepth > depth || storedFrom < 0 || storedFrom > blockDepth
                || depth != MerkleTree.depthFor(leaves)) {
            throw new IllegalArgumentException("blocked tree: " + leaves + " leaves, depth " + depth + ", blocks of 2^"
                    + blockDepth + ", stored from level " + storedFrom);
        }
    }

    /**
     * Blocks of the largest power-of-two size that gives at least {@code tasks} blocks (when the tree
     * has that many leaves), storing from level {@code storedFrom} (less when the blocks are smaller).
     */
    public static BlockedTree plan(long leaves, int tasks, int storedFrom) {
        if (leaves < 1 || leaves > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a tree of " + leaves + " leaves: from 1 to " + Integer.MAX_VALUE);
        }
        int depth = MerkleTree.depthFor(leaves);
        int b = Math.min(depth, MAX_BLOCK_DEPTH);
        while (b > 0 && ceilDiv(leaves, 1L << b) < tasks) {
            b--;
        }
        return new BlockedTree((int) leaves, depth, b, Math.min(storedFrom, b));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    public int blocks() {
        return (int) ceilDiv(leaves, 1L << blockDepth);
    }

    /** The first leaf of a block. */
    public int blockFrom(int block) {
        return block << blockDepth;
    }

    /** The end of a block's real leaves (the rest of the block is padding). */
    public int blockTo(int block) {
        return (int) Math.min(leaves, (long) (block + 1) << blockDepth);
    }

    /** Nodes a block keeps at levels below {@code level} (from storedFrom). */
    private long nodesBelow(int level) {
        long n = 0;
        for (int d = storedFrom; d < level; d++) {
            n += 1L << (blockDepth - d);
        }
        return n;
    }

    public long nodeFileBytes() {
        return NODE_BYTES * nodesBelow(blockDepth + 1);
    }

    /** Where a block's node (level, index within the block) is in its node file. */
    public long nodeOffset(int level, int index) {
        if (level < storedFrom || level > blockDepth || index < 0 || index >= 1 << (blockDepth - level)) {
            throw new IndexOutOfBoundsException("node (" + level + ", " + index + ") of a block");
        }
        return NODE_BYTES * (nodesBelow(level) + index);
    }

    /** A block's node file: its tree's levels storedFrom … blockDepth, each node as four little-endian limbs. */
    public byte[] nodeFile(MerkleTree block) {
        if (block.depth() != blockDepth) {
            throw new IllegalArgumentException("a block tree of depth " + block.depth() + ", expected " + blockDepth);
        }
        ByteBuffer out = ByteBuffer.allocate((int) nodeFileBytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int d = storedFrom; d <= blockDepth; d++) {
            for (long limb : block.levelLimbs(d)) {
                out.putLong(limb);
            }
        }
        return out.array();
    }

    /** A node read back from its 32 bytes. */
    public static Fr node(byte[] bytes, int off) {
        ByteBuffer in = ByteBuffer.wrap(bytes, off, NODE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long[] limbs = {in.getLong(), in.getLong(), in.getLong(), in.getLong()};
        return Fr.fromLimbs(limbs, 0);
    }

    /** Reads one stored node of a block (from its node file, wherever that is). */
    @FunctionalInterface
    public interface NodeSource {
        Fr node(int block, int level, int index) throws IOException;
    }

    /** The group of 2^storedFrom leaves that holds a leaf: its first leaf. */
    public int groupFrom(int leaf) {
        return leaf >> storedFrom << storedFrom;
    }

    /**
     * The path of {@code leaf}: siblings below storedFrom from its group's tree (built from the
     * group's leaf hashes), the block's stored levels from {@code nodes}, the levels above from the
     * top tree. The group's root must be the stored node, else the stored tree is not this one.
     */
    public Fr[] path(int leaf, MerkleTree group, NodeSource nodes, MerkleTree top) throws IOException {
        if (group.depth() != storedFrom) {
            throw new IllegalArgumentException("a group tree of depth " + group.depth() + ", expected " + storedFrom);
        }
        int block = leaf >> blockDepth, inBlock = leaf - (block << blockDepth);
        if (!group.root().equals(nodes.node(block, storedFrom, inBlock >> storedFrom))) {
            throw new IllegalStateException("the values of leaf " + leaf + " do not hash to the stored node");
        }
        Fr[] path = new Fr[depth];
        Fr[] low = group.path(leaf - groupFrom(leaf));
        System.arraycopy(low, 0, path, 0, storedFrom);
        for (int d = storedFrom; d < blockDepth; d++) {
            path[d] = nodes.node(block, d, (inBlock >> d) ^ 1);
        }
        for (int d = blockDepth; d < depth; d++) {
            path[d] = top.node(d - blockDepth, (leaf >> d) ^ 1);
        }
        return path;
    }
}
