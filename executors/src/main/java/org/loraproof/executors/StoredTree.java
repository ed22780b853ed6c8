package org.loraproof.executors;

import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.Quantizer;
import org.loraproof.circuit.lora.TensorCommitment;
import org.loraproof.circuit.lora.TensorLayout;
import org.loraproof.circuit.merkle.BlockedTree;
import org.loraproof.circuit.merkle.MerkleTree;
import org.loraproof.storage.HadoopSource;
import org.loraproof.storage.Safetensors;

/**
 * A weight matrix as its commitment stored it: the safetensors file and tensor, the blocked tree's
 * plan, its blocks' roots and the folder of its node files. Opens leaves without reading the
 * matrix: a leaf's group of 2^s leaves is read (one positioned read), rehashed, and its path is read
 * from the node files and the top tree, which must lead to the committed root.
 */
public final class StoredTree implements Serializable {
    private static final long serialVersionUID = 1L;

    final MatrixTree matrix;
    /** The blocks' roots, Montgomery limbs: the top tree folds them. */
    final long[] blockRoots;
    final String nodes;

    public StoredTree(MatrixTree matrix, long[] blockRoots, String nodes) {
        this.matrix = matrix;
        this.blockRoots = blockRoots;
        this.nodes = nodes;
    }

    public BlockedTree plan() {
        return matrix.plan();
    }

    /** The tree above the blocks (its root is the matrix's root). */
    public MerkleTree top() {
        return MerkleTree.fold(blockRoots, blockRoots.length / 4, matrix.blockDepth);
    }

    /** Where a block's node file is. */
    public String nodeFile(int block) {
        return nodes + "/" + block + ".bin";
    }

    /** The values and path of an opened leaf. */
    public record Opening(long[] values, Fr[] path) {
    }

    /** Reads leaves and their paths; counts the bytes it reads from the model and node files. */
    public final class Reader implements AutoCloseable {
        private final Safetensors st;
        private final Configuration conf;
        private final Map<Integer, HadoopSource> nodeFiles = new HashMap<>();
        private final BlockedTree plan = plan();
        private final MerkleTree top = top();
        private long bytesRead;

        Reader(Configuration conf) throws IOException {
            this.conf = conf;
            this.st = Safetensors.open(matrix.uri, conf);
        }

        public long bytesRead() {
            return bytesRead;
        }

        private Fr node(int block, int level, int index) throws IOException {
            HadoopSource in = nodeFiles.get(block);
            if (in == null) {
                in = HadoopSource.open(nodeFile(block), conf);
                nodeFiles.put(block, in);
            }
            byte[] node = new byte[BlockedTree.NODE_BYTES];
            in.readFully(plan.nodeOffset(level, index), node, 0, node.length);
            bytesRead += node.length;
            return BlockedTree.node(node, 0);
        }

        /** Reads, rehashes and paths one leaf's group; an error names the file that changed since the commit. */
        public Opening open(int leaf) throws IOException {
            FixedPointParams p = matrix.params();
            String uri = matrix.uri, tensor = matrix.tensor;
            int rows = matrix.rows, cols = matrix.cols;
            int perRow = TensorLayout.leavesPerRow(cols, p);
            int g0 = plan.groupFrom(leaf), g1 = Math.min(plan.leaves(), g0 + (1 << plan.storedFrom()));
            int r0 = g0 / perRow, r1 = (g1 + perRow - 1) / perRow;
            // the group's values are one run of the row-major tensor: from its first leaf's start to its last leaf's end
            int lastLeaf = g1 - 1, lastRow = lastLeaf / perRow;
            long first = (long) r0 * cols + (long) (g0 % perRow) * p.leafSize();
            long last = (long) lastRow * cols + Math.min(cols, (lastLeaf % perRow + 1) * p.leafSize());
            int count = (int) (last - first);
            long[] window = new long[(r1 - r0) * cols]; // the rows of the group, zero outside it
            long[] read = Quantizer.quantize(st.readValues(tensor, first, count), new int[] {rows, cols}, first,
                    uri + ": " + tensor, p);
            bytesRead += (long) count * st.tensor(tensor).dtype().bytes();
            System.arraycopy(read, 0, window, (int) (first - (long) r0 * cols), count);
            long[] hashes = new long[4 << plan.storedFrom()];
            TensorCommitment.hashLeaves(window, r1 - r0, cols, TensorLayout.MATRIX_ROWS, p, g0 - r0 * perRow,
                    g1 - r0 * perRow, hashes, 0);
            MerkleTree group = MerkleTree.build(hashes, 1 << plan.storedFrom());
            Fr[] path;
            try {
                path = plan.path(leaf, group, this::node, top);
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(nodeFile(leaf >> plan.blockDepth()) + " or " + uri
                        + " changed since the commit: leaf " + leaf + " no longer hashes to the stored tree");
            }
            if (!MerkleTree.rootFromPath(Fr.fromLimbs(hashes, 4 * (leaf - g0)), leaf, path).equals(top.root())) {
                throw new IllegalArgumentException(nodeFile(leaf >> plan.blockDepth())
                        + " changed since the commit: its nodes do not lead to the committed root");
            }
            long[] values = new long[p.leafSize()];
            TensorLayout.MATRIX_ROWS.leafValues(window, r1 - r0, cols, p, leaf - r0 * perRow, values);
            return new Opening(values, path);
        }

        @Override
        public void close() {
            for (AutoCloseable c : nodeFiles.values()) {
                quietly(c);
            }
            quietly(st);
        }

        private void quietly(AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // read-only sources: nothing is lost, and a reading's own failure matters more
            }
        }
    }

    public Reader reader(Configuration conf) throws IOException {
        return new Reader(conf);
    }
}
