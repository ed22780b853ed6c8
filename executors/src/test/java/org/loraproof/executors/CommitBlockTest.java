package org.loraproof.executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.Quantizer;
import org.loraproof.circuit.lora.TensorCommitment;
import org.loraproof.circuit.lora.TensorLayout;
import org.loraproof.circuit.merkle.BlockedTree;
import org.loraproof.circuit.merkle.MerkleTree;
import org.loraproof.storage.Artifacts;
import org.loraproof.storage.Dtype;
import org.loraproof.storage.SafetensorsWriter;

/**
 * One block of a commitment, as a task runs it: its root and stored levels are those of the whole
 * tensor's tree (a reference built from the whole tensor in memory), for blocks that start and end
 * inside rows and a column count that is not a multiple of the leaf size; a second run writes the
 * same bytes; a value it cannot quantize is named by tensor and index.
 */
class CommitBlockTest {
    static final FixedPointParams P = new FixedPointParams(16, 24, 4);
    static final int ROWS = 13, COLS = 10; // 3 leaves a row (the last one half empty): 39 leaves

    private static float[] weights(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] w = new float[ROWS * COLS];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.nextDouble() - 0.5);
        }
        return w;
    }

    @Test
    void eachBlockIsItsPartOfTheWholeTree(@TempDir Path dir) throws Exception {
        float[] w = weights(1);
        String uri = dir.resolve("w.safetensors").toUri().toString();
        new SafetensorsWriter().add("weight", Dtype.F32, new int[] {ROWS, COLS}, w).write(uri);
        long[] q = Quantizer.quantize(w, new int[] {ROWS, COLS}, "weight", P);
        TensorCommitment whole = TensorCommitment.commit(q, ROWS, COLS, TensorLayout.MATRIX_ROWS, P, Fr.ZERO);
        int leaves = (int) TensorLayout.MATRIX_ROWS.leafCount(ROWS, COLS, P);
        for (int tasks : new int[] {1, 3, 7}) {
            BlockedTree plan = BlockedTree.plan(leaves, tasks, 2);
            long[] roots = new long[4 * plan.blocks()];
            for (int b = 0; b < plan.blocks(); b++) {
                String node = dir.resolve("nodes-" + tasks).resolve(b + ".bin").toUri().toString();
                CommitBlock task = new CommitBlock(new MatrixTree(uri, "weight", ROWS, COLS, P, plan), b, node, false,
                        Map.of());
                CommitBlock.Output out = task.run();
                System.arraycopy(out.root, 0, roots, 4 * b, 4);
                // the block's root is the whole tree's node above the block
                assertEquals(whole.tree().node(plan.blockDepth(), b), Fr.fromLimbs(out.root, 0), tasks + " tasks, block " + b);
                byte[] written = Files.readAllBytes(Path.of(java.net.URI.create(node)));
                assertEquals(out.nodeSha256, Artifacts.sha256(written));
                assertEquals(plan.nodeFileBytes(), written.length);
                for (int level = plan.storedFrom(); level <= plan.blockDepth(); level++) {
                    int index = 1 << (plan.blockDepth() - level);
                    for (int i = 0; i < index; i++) {
                        assertEquals(whole.tree().node(level, (b << (plan.blockDepth() - level)) + i),
                                BlockedTree.node(written, (int) plan.nodeOffset(level, i)), "level " + level);
                    }
                }
                // a retried task writes the same bytes
                CommitBlock.Output again = task.run();
                assertArrayEquals(written, Files.readAllBytes(Path.of(java.net.URI.create(node))));
                assertArrayEquals(out.root, again.root);
                assertEquals(out.readSha256, again.readSha256);
                assertTrue(out.readBytes > 0 && out.readBytes <= (long) ROWS * COLS * 4);
            }
            assertEquals(whole.root(), MerkleTree.fold(roots, plan.blocks(), plan.blockDepth()).root());
        }
    }

    @Test
    void aValueThatCannotBeQuantizedIsNamed(@TempDir Path dir) throws Exception {
        float[] w = weights(2);
        w[5 * COLS + 7] = Float.POSITIVE_INFINITY;
        String uri = dir.resolve("w.safetensors").toUri().toString();
        new SafetensorsWriter().add("weight", Dtype.F32, new int[] {ROWS, COLS}, w).write(uri);
        BlockedTree plan = BlockedTree.plan(39, 4, 2);
        int block = (5 * 3 + 7 / 4) >> plan.blockDepth();
        CommitBlock task = new CommitBlock(new MatrixTree(uri, "weight", ROWS, COLS, P, plan), block,
                dir.resolve("n.bin").toUri().toString(), false, Map.of());
        Quantizer.QuantizationException e = assertThrows(Quantizer.QuantizationException.class, task::run);
        assertTrue(e.getMessage().contains("w.safetensors: weight[5, 7] = Infinity"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("n.bin")), "no node file for a failed block");
    }
}
