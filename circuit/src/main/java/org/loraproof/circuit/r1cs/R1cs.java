package org.loraproof.circuit.r1cs;

import java.util.function.IntFunction;

/**
 * A rank-1 constraint system: constraints A·z ∘ B·z = C·z over z = (1, public inputs, private
 * variables). Constraint names are optional (files from other tools have none).
 */
public final class R1cs {
    private final int numVariables;
    private final int numPublic;
    private final SparseMatrix a;
    private final SparseMatrix b;
    private final SparseMatrix c;
    private final IntFunction<String> names;

    R1cs(int numVariables, int numPublic, SparseMatrix a, SparseMatrix b, SparseMatrix c, IntFunction<String> names) {
        if (a.rows() != b.rows() || b.rows() != c.rows()) {
            throw new IllegalArgumentException("A, B and C must have as many rows");
        }
        this.numVariables = numVariables;
        this.numPublic = numPublic;
        this.a = a;
        this.b = b;
        this.c = c;
        this.names = names;
    }

    /** Variables including the constant one. */
    public int numVariables() {
        return numVariables;
    }

    /** Public inputs, not counting the constant one. */
    public int numPublic() {
        return numPublic;
    }

    public int numConstraints() {
        return a.rows();
    }

    public SparseMatrix a() {
        return a;
    }

    public SparseMatrix b() {
        return b;
    }

    public SparseMatrix c() {
        return c;
    }

    /** The hierarchical name of constraint i, or {@code constraint[i]} when it has none. */
    public String name(int i) {
        String n = names == null ? null : names.apply(i);
        return n == null ? "constraint[" + i + "]" : n;
    }
}
