package org.loraproof.circuit.r1cs;

import org.loraproof.circuit.bn254.Fr;

/** Runs circuit code for its shape only: counts variables and constraints, stores nothing. */
public final class ConstraintCounter extends AbstractConstraintSystem {
    private final long[] nonZeros = new long[3];

    @Override
    public LinearCombination publicInput(String name, Witness value) {
        return LinearCombination.variable(allocatePublic());
    }

    @Override
    public LinearCombination witness(String name, Witness value) {
        return LinearCombination.variable(allocatePrivate());
    }

    @Override
    public void enforce(String name, LinearCombination a, LinearCombination b, LinearCombination c) {
        constraints++;
        nonZeros[0] += a.size();
        nonZeros[1] += b.size();
        nonZeros[2] += c.size();
    }

    @Override
    public boolean computesWitness() {
        return false;
    }

    @Override
    public Fr value(LinearCombination lc) {
        throw new IllegalStateException("a counting constraint system has no witness values");
    }

    @Override
    public Scope scope(String name) {
        return () -> {
        };
    }

    @Override
    public Scope scope(String name, int index) {
        return () -> {
        };
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
