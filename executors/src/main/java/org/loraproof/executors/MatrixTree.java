package org.loraproof.executors;

import java.io.Serializable;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.merkle.BlockedTree;

/**
 * A weight matrix and how its commitment's tree is cut: the safetensors file and tensor, its shape
 * and fixed-point parameters, the blocked tree's plan. What a commitment's block and a proof's
 * openings both need, in the plain fields a task ships.
 */
public final class MatrixTree implements Serializable {
    private static final long serialVersionUID = 1L;

    final String uri, tensor;
    final int rows, cols, f, v, l;
    final int leaves, depth, blockDepth, storedFrom;

    public MatrixTree(String uri, String tensor, int rows, int cols, FixedPointParams p, BlockedTree plan) {
        this.uri = uri;
        this.tensor = tensor;
        this.rows = rows;
        this.cols = cols;
        this.f = p.fractionalBits();
        this.v = p.valueBits();
        this.l = p.leafSize();
        this.leaves = plan.leaves();
        this.depth = plan.depth();
        this.blockDepth = plan.blockDepth();
        this.storedFrom = plan.storedFrom();
    }

    public FixedPointParams params() {
        return new FixedPointParams(f, v, l);
    }

    public BlockedTree plan() {
        return new BlockedTree(leaves, depth, blockDepth, storedFrom);
    }
}
