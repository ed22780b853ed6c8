package org.loraproof.circuit.r1cs;

import org.loraproof.circuit.bn254.Fr;

/**
 * Runs circuit code and hands each constraint to a sink as it is made, keeping none of them: a
 * pass over a circuit too large to hold (a streamed setup). Computes no witness and no names.
 */
public sealed class ConstraintStream extends AbstractConstraintSystem permits ConstraintCounter {
    /** Receives constraint {@code index}, A·z ∘ B·z = C·z, in order. */
    @FunctionalInterface
    public interface Sink {
        void constraint(int index, LinearCombination a, LinearCombination b, LinearCombination c);
    }

    private final Sink sink;

    public ConstraintStream(Sink sink) {
        this.sink = sink;
    }

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
        sink.constraint(constraints++, a, b, c);
    }

    @Override
    public boolean computesWitness() {
        return false;
    }

    @Override
    public Fr value(LinearCombination lc) {
        throw new IllegalStateException("a constraint stream has no witness values");
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
}
