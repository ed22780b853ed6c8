package org.loraproof.circuit.lora;

/**
 * The constants a lora-merge circuit is set up for.
 *
 * @param dOut rows of W (and of B)
 * @param dIn columns of W (and of A)
 * @param rank r
 * @param samples k, the positions opened per proof
 * @param params number format and leaf size
 */
public record LoraMergeShape(int dOut, int dIn, int rank, int samples, FixedPointParams params) {
    public LoraMergeShape {
        if (dOut < 1 || dIn < 1) {
            throw new IllegalArgumentException("dimensions must be positive, got " + dOut + " × " + dIn);
        }
        if (rank < 1 || params.packedElements(rank) > 16) {
            throw new IllegalArgumentException("rank " + rank + " does not fit one adapter leaf at V = " + params.valueBits());
        }
        if (samples < 1) {
            throw new IllegalArgumentException("at least one sample is needed");
        }
    }

    public int leavesPerRow() {
        return TensorLayout.leavesPerRow(dIn, params);
    }
}
