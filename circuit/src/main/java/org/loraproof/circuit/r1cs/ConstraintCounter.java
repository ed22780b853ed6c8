package org.loraproof.circuit.r1cs;

/** Runs circuit code for its shape only: counts variables, constraints and each matrix's non-zeros, stores nothing. */
public final class ConstraintCounter extends ConstraintStream {
    private final long[] nonZeros;

    public ConstraintCounter() {
        this(new long[3]);
    }

    private ConstraintCounter(long[] nonZeros) {
        super((index, a, b, c) -> {
            nonZeros[0] += a.size();
            nonZeros[1] += b.size();
            nonZeros[2] += c.size();
        });
        this.nonZeros = nonZeros;
    }

    /** Non-zero coefficients over A, B and C. */
    public long nonZeros() {
        return nonZeros[0] + nonZeros[1] + nonZeros[2];
    }

    /** Non-zero coefficients of matrix 0 (A), 1 (B) or 2 (C). */
    public long nonZeros(int matrix) {
        return nonZeros[matrix];
    }
}
