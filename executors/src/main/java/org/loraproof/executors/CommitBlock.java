package org.loraproof.executors;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.Quantizer;
import org.loraproof.circuit.lora.TensorCommitment;
import org.loraproof.circuit.lora.TensorLayout;
import org.loraproof.circuit.merkle.BlockedTree;
import org.loraproof.circuit.merkle.MerkleTree;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import org.loraproof.storage.Safetensors;

/**
 * One block of a weight matrix's commitment, as a task: reads only the rows that hold its leaves
 * from the safetensors file (positioned reads through Hadoop), quantizes them, hashes its leaves and
 * its subtree, writes the subtree's stored levels (its node file, atomically) and returns the block's
 * root. The serial commitment runs the same blocks in this JVM; {@link MerkleTree#fold} joins the
 * roots. A retried task writes the same bytes.
 */
public final class CommitBlock implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Leaves read, quantized and hashed at a time, so a task holds one chunk of values, not its block's. */
    private static final int CHUNK_LEAVES = 1 << 15;

    final MatrixTree matrix;
    final int block;
    /** Where the node file goes, and whether only its owner may read it. */
    final String nodeUri;
    final boolean privateNodes;
    /** The job's {@code spark.hadoop.*} settings without the prefix, as key, value, … */
    final String[] hadoop;

    public CommitBlock(MatrixTree matrix, int block, String nodeUri, boolean privateNodes, Map<String, String> hadoop) {
        this.matrix = matrix;
        this.block = block;
        this.nodeUri = nodeUri;
        this.privateNodes = privateNodes;
        this.hadoop = HadoopSettings.flatten(hadoop);
    }

    public int block() {
        return block;
    }

    /**
     * What a block returns: its root (Montgomery limbs), its node file's SHA-256 and size, the byte
     * range of the file it read and that range's SHA-256, its times and executor JVM.
     */
    public static final class Output implements Serializable {
        private static final long serialVersionUID = 1L;

        public final int block;
        public final long[] root;
        public final String nodeSha256;
        public final long nodeBytes, readOffset, readBytes;
        public final String readSha256;
        public final long readNanos, hashNanos;
        public final String executor;
        public final long peakHeap;

        Output(int block, long[] root, String nodeSha256, long nodeBytes, long readOffset, long readBytes,
                String readSha256, long readNanos, long hashNanos, String executor, long peakHeap) {
            this.block = block;
            this.root = root;
            this.nodeSha256 = nodeSha256;
            this.nodeBytes = nodeBytes;
            this.readOffset = readOffset;
            this.readBytes = readBytes;
            this.readSha256 = readSha256;
            this.readNanos = readNanos;
            this.hashNanos = hashNanos;
            this.executor = executor;
            this.peakHeap = peakHeap;
        }
    }

    public Output run() throws IOException {
        Configuration conf = HadoopSettings.conf(hadoop);
        FixedPointParams p = matrix.params();
        BlockedTree plan = matrix.plan();
        String uri = matrix.uri, tensor = matrix.tensor;
        int rows = matrix.rows, cols = matrix.cols, blockDepth = matrix.blockDepth;
        int perRow = TensorLayout.leavesPerRow(cols, p);
        int from = plan.blockFrom(block), to = plan.blockTo(block);
        long[] hashes = new long[4 << blockDepth]; // zeros: the empty leaves that pad the block
        MessageDigest digest = Artifacts.sha256Digest();
        int firstRow = from / perRow, lastRow = (to + perRow - 1) / perRow;
        long readNanos = 0, hashNanos = 0;
        long[] range;
        try (Safetensors st = Safetensors.open(uri, conf)) {
            range = st.rowRange(tensor, firstRow, lastRow);
            int[] shape = {rows, cols};
            // chunks of whole rows, so each row's bytes are read (and digested) once, in order
            int rowsPerChunk = Math.max(1, CHUNK_LEAVES / perRow);
            for (int r0 = firstRow; r0 < lastRow; r0 += rowsPerChunk) {
                int r1 = Math.min(lastRow, r0 + rowsPerChunk);
                long t0 = System.nanoTime();
                long[] values = Quantizer.quantize(st.readRows(tensor, r0, r1, digest), shape, (long) r0 * cols,
                        uri + ": " + tensor, p);
                long t1 = System.nanoTime();
                int lo = Math.max(from, r0 * perRow), hi = Math.min(to, r1 * perRow);
                TensorCommitment.hashLeaves(values, r1 - r0, cols, TensorLayout.MATRIX_ROWS, p, lo - r0 * perRow,
                        hi - r0 * perRow, hashes, 4 * (lo - from));
                readNanos += t1 - t0;
                hashNanos += System.nanoTime() - t1;
            }
        }
        long t2 = System.nanoTime();
        MerkleTree tree = MerkleTree.build(hashes, 1 << blockDepth);
        byte[] nodes = plan.nodeFile(tree);
        if (privateNodes) {
            ArtifactStore.writePrivateUri(nodeUri, conf, out -> out.write(nodes));
        } else {
            ArtifactStore.writeUri(nodeUri, conf, out -> out.write(nodes));
        }
        hashNanos += System.nanoTime() - t2;
        long[] root = new long[4];
        tree.root().writeLimbs(root, 0);
        return new Output(block, root, Artifacts.sha256(nodes), nodes.length, range[0], range[1],
                HexFormat.of().formatHex(digest.digest()), readNanos, hashNanos,
                ManagementFactory.getRuntimeMXBean().getName(), Heap.peak());
    }
}
