package org.loraproof.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.LoraMergeCircuit;
import org.loraproof.circuit.lora.LoraMergeShape;
import org.loraproof.circuit.lora.Quantizer;
import org.loraproof.circuit.lora.SamplePositions;
import org.loraproof.circuit.lora.TensorCommitment;
import org.loraproof.circuit.lora.TensorLayout;
import org.loraproof.circuit.merkle.BlockedTree;
import org.loraproof.circuit.merkle.MerkleTree;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.HadoopSource;
import org.loraproof.storage.Safetensors;

/**
 * A lora-merge proof's data without the weight matrices: at each sampled position, the leaf's
 * group of 2^s values read from the model file (one positioned read), rehashed, and its path from
 * the stored trees (the node files the commitment's tasks wrote, and the top tree folded from their
 * roots). The bytes read grow with k, not with the model. The adapter (small) is whole.
 */
final class StoredOpenings implements LoraMergeCircuit.Data {
    private final Fr[] commitments, roots, blinds;
    private final Fr nonce;
    private final long sQ, tau;
    private final QuantizedLayer adapter;
    private final TensorCommitment cA, cB;
    private final LoraMergeShape shape;
    /** Opened leaves of base and eff: values and paths, by tensor and leaf index. */
    private final Map<Long, long[]> values = new HashMap<>();
    private final Map<Long, Fr[]> paths = new HashMap<>();
    private long bytesRead;

    /** The adapter's quantized tensors (A: r × d_in, B: d_out × r). */
    record QuantizedLayer(long[] a, long[] b) {
    }

    /** One stored matrix: its file, tensor, trees and the node files' folder. */
    record Stored(String uri, String tensor, BlockedTree plan, MerkleTree top, String nodes) {
    }

    private StoredOpenings(LoraMergeShape shape, Fr[] commitments, Fr[] roots, Fr[] blinds, Fr nonce, long sQ, long tau,
            QuantizedLayer adapter, TensorCommitment cA, TensorCommitment cB) {
        this.shape = shape;
        this.commitments = commitments;
        this.roots = roots;
        this.blinds = blinds;
        this.nonce = nonce;
        this.sQ = sQ;
        this.tau = tau;
        this.adapter = adapter;
        this.cA = cA;
        this.cB = cB;
    }

    /**
     * Reads the openings of the k positions the commitments and the nonce select. {@code stored}
     * holds base and eff; their roots are the top trees' roots.
     */
    static StoredOpenings read(LoraMergeShape shape, Fr[] commitments, Fr[] blinds, Fr nonce, long sQ, long tau,
            long[] a, long[] b, TensorCommitment cA, TensorCommitment cB, Stored[] stored, Configuration conf)
            throws IOException {
        Fr[] roots = {stored[0].top().root(), stored[1].top().root(), cA.root(), cB.root()};
        StoredOpenings o = new StoredOpenings(shape, commitments, roots, blinds, nonce, sQ, tau, new QuantizedLayer(a, b),
                cA, cB);
        FixedPointParams p = shape.params();
        int perRow = TensorLayout.leavesPerRow(shape.dIn(), p);
        Fr seed = o.seed();
        for (int k = 0; k < 2; k++) {
            Stored s = stored[k];
            BlockedTree plan = s.plan();
            Map<Integer, HadoopSource> nodeFiles = new HashMap<>();
            try (Safetensors st = Safetensors.open(s.uri(), conf)) {
                BlockedTree.NodeSource nodes = (block, level, index) -> {
                    HadoopSource in = nodeFiles.get(block);
                    if (in == null) {
                        in = HadoopSource.open(nodeFile(s, block), conf);
                        nodeFiles.put(block, in);
                    }
                    byte[] node = new byte[BlockedTree.NODE_BYTES];
                    in.readFully(plan.nodeOffset(level, index), node, 0, node.length);
                    o.bytesRead += node.length;
                    return BlockedTree.node(node, 0);
                };
                for (int t = 0; t < shape.samples(); t++) {
                    int[] pos = SamplePositions.position(seed, t, shape.dOut(), shape.dIn());
                    int leaf = pos[0] * perRow + pos[1] / p.leafSize();
                    long key = key(k, leaf);
                    if (o.values.containsKey(key)) {
                        continue;
                    }
                    o.open(k, leaf, st, s, nodes, perRow);
                }
            } finally {
                for (HadoopSource in : nodeFiles.values()) {
                    try {
                        in.close();
                    } catch (IOException e) {
                        // a read-only source: nothing is lost, and the reading's own failure matters more
                    }
                }
            }
        }
        return o;
    }

    static String nodeFile(Stored s, int block) {
        return s.nodes() + "/" + block + ".bin";
    }

    private static long key(int tensor, int leaf) {
        return (long) tensor << 32 | leaf;
    }

    /** Reads, rehashes and paths one leaf's group. */
    private void open(int tensor, int leaf, Safetensors st, Stored s, BlockedTree.NodeSource nodes, int perRow)
            throws IOException {
        FixedPointParams p = shape.params();
        BlockedTree plan = s.plan();
        int cols = shape.dIn();
        int g0 = plan.groupFrom(leaf), g1 = Math.min(plan.leaves(), g0 + (1 << plan.storedFrom()));
        int r0 = g0 / perRow, r1 = (g1 + perRow - 1) / perRow;
        // the group's values are one run of the row-major tensor: from its first leaf's start to its last leaf's end
        int lastLeaf = g1 - 1, lastRow = lastLeaf / perRow;
        long first = (long) r0 * cols + (long) (g0 % perRow) * p.leafSize();
        long last = (long) lastRow * cols + Math.min(cols, (lastLeaf % perRow + 1) * p.leafSize());
        int count = (int) (last - first);
        long[] window = new long[(r1 - r0) * cols]; // the rows of the group, zero outside it
        long[] read = Quantizer.quantize(st.readValues(s.tensor(), first, count), new int[] {shape.dOut(), cols}, first,
                s.uri() + ": " + s.tensor(), p);
        bytesRead += (long) count * st.tensor(s.tensor()).dtype().bytes();
        System.arraycopy(read, 0, window, (int) (first - (long) r0 * cols), count);
        long[] hashes = new long[4 << plan.storedFrom()];
        TensorCommitment.hashLeaves(window, r1 - r0, cols, TensorLayout.MATRIX_ROWS, p, g0 - r0 * perRow,
                g1 - r0 * perRow, hashes, 0);
        MerkleTree group = MerkleTree.build(hashes, 1 << plan.storedFrom());
        Fr[] path;
        try {
            path = plan.path(leaf, group, nodes, s.top());
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(nodeFile(s, leaf >> plan.blockDepth()) + " or " + s.uri()
                    + " changed since the commit: leaf " + leaf + " no longer hashes to the stored tree");
        }
        Fr leafHash = Fr.fromLimbs(hashes, 4 * (leaf - g0));
        if (!MerkleTree.rootFromPath(leafHash, leaf, path).equals(s.top().root())) {
            throw new IllegalArgumentException(nodeFile(s, leaf >> plan.blockDepth())
                    + " changed since the commit: its nodes do not lead to the committed root");
        }
        long[] leafValues = new long[p.leafSize()];
        TensorLayout.MATRIX_ROWS.leafValues(window, r1 - r0, cols, p, leaf - r0 * perRow, leafValues);
        values.put(key(tensor, leaf), leafValues);
        paths.put(key(tensor, leaf), path);
    }

    /** Bytes read from the model files and node files. */
    long bytesRead() {
        return bytesRead;
    }

    @Override
    public Fr commitment(int tensor) {
        return commitments[tensor];
    }

    @Override
    public Fr root(int tensor) {
        return roots[tensor];
    }

    @Override
    public Fr blind(int tensor) {
        return blinds[tensor];
    }

    @Override
    public Fr nonce() {
        return nonce;
    }

    @Override
    public long sQ() {
        return sQ;
    }

    @Override
    public long tau() {
        return tau;
    }

    @Override
    public long[] leaf(int tensor, int index) {
        return switch (tensor) {
            case LoraMergeCircuit.A -> leafOf(adapter.a(), shape.rank(), shape.dIn(), TensorLayout.ADAPTER_COLUMNS, index);
            case LoraMergeCircuit.B -> leafOf(adapter.b(), shape.dOut(), shape.rank(), TensorLayout.ADAPTER_ROWS, index);
            default -> opened(values, tensor, index);
        };
    }

    @Override
    public Fr[] path(int tensor, int index) {
        return switch (tensor) {
            case LoraMergeCircuit.A -> cA.tree().path(index);
            case LoraMergeCircuit.B -> cB.tree().path(index);
            default -> opened(paths, tensor, index);
        };
    }

    private static <T> T opened(Map<Long, T> m, int tensor, int index) {
        T v = m.get(key(tensor, index));
        if (v == null) {
            throw new IllegalStateException("leaf " + index + " of tensor " + tensor + " was not opened");
        }
        return v;
    }

    private long[] leafOf(long[] v, int rows, int cols, TensorLayout layout, int index) {
        long[] out = new long[layout.leafSize(rows, cols, shape.params())];
        layout.leafValues(v, rows, cols, shape.params(), index, out);
        return out;
    }

    /** The stored trees of base and eff as an opening records them (see {@link LoraMergeJob#commit}). */
    static Stored[] stored(JsonNode trees, String baseUri, String mergedUri, String tensor, ArtifactStore store) {
        BlockedTree plan = new BlockedTree(trees.get("leaves").asInt(), trees.get("depth").asInt(),
                trees.get("blockDepth").asInt(), trees.get("storedFrom").asInt());
        Stored[] out = new Stored[2];
        List<String> names = List.of("base", "eff");
        for (int k = 0; k < 2; k++) {
            JsonNode roots = trees.get(names.get(k)).get("roots");
            long[] limbs = new long[4 * roots.size()];
            for (int b = 0; b < roots.size(); b++) {
                Fr.parse(roots.get(b).asText()).writeLimbs(limbs, 4 * b);
            }
            MerkleTree top = MerkleTree.fold(limbs, roots.size(), plan.blockDepth());
            out[k] = new Stored(k == 0 ? baseUri : mergedUri, tensor, plan, top,
                    store.resolve(trees.get("folder").asText() + "/" + names.get(k)).toString());
        }
        return out;
    }
}
