package org.loraproof.circuit.r1cs;

import java.util.Arrays;
import java.util.List;
import org.loraproof.circuit.bn254.Fr;

/**
 * Runs circuit code to build the constraints, their names and the witness. Values are computed
 * as variables are allocated; a witness function that throws stops the build with the name of
 * the variable.
 */
public final class R1csBuilder extends AbstractConstraintSystem {
    private final boolean computeWitness;
    private final SparseMatrix a = new SparseMatrix(1024, 4096);
    private final SparseMatrix b = new SparseMatrix(1024, 4096);
    private final SparseMatrix c = new SparseMatrix(1024, 4096);
    private final Assignment z = new Assignment();
    /** Scope prefix of each constraint, shared between consecutive constraints of one scope. */
    private String[] prefixes = new String[1024];
    private String[] localNames = new String[1024];

    /** A builder that also computes the witness. */
    public R1csBuilder() {
        this(true);
    }

    /** A builder that computes the witness only when asked to (constraints alone for setup). */
    public R1csBuilder(boolean computeWitness) {
        this.computeWitness = computeWitness;
    }

    @Override
    public LinearCombination publicInput(String name, Witness value) {
        return assign(allocatePublic(), name, value);
    }

    @Override
    public LinearCombination witness(String name, Witness value) {
        return assign(allocatePrivate(), name, value);
    }

    private LinearCombination assign(int var, String name, Witness value) {
        if (computeWitness) {
            z.assign(var, qualified(name), value);
        }
        return LinearCombination.variable(var);
    }

    @Override
    public void enforce(String name, LinearCombination la, LinearCombination lb, LinearCombination lc) {
        int i = constraints++;
        if (i >= prefixes.length) {
            prefixes = Arrays.copyOf(prefixes, prefixes.length * 2);
            localNames = Arrays.copyOf(localNames, localNames.length * 2);
        }
        String p = prefix();
        prefixes[i] = i > 0 && p.equals(prefixes[i - 1]) ? prefixes[i - 1] : p;
        localNames[i] = name;
        a.addRow(la);
        b.addRow(lb);
        c.addRow(lc);
    }

    @Override
    public boolean computesWitness() {
        return computeWitness;
    }

    @Override
    public Fr value(LinearCombination lc) {
        if (!computeWitness) {
            throw new IllegalStateException("this builder computes no witness");
        }
        return z.value(lc);
    }

    /** The constraint system built so far. */
    public R1cs r1cs() {
        String[] p = prefixes, n = localNames;
        return new R1cs(variables, publicInputs, a, b, c,
                i -> p[i] == null || p[i].isEmpty() ? n[i] : p[i] + "." + n[i]);
    }

    /** The full assignment z (Montgomery limbs, four per variable, z[0] = 1). */
    public long[] assignment() {
        if (!computeWitness) {
            throw new IllegalStateException("this builder computes no witness");
        }
        return z.copy(variables);
    }

    /** The public inputs' values, in order. */
    public List<Fr> publicValues() {
        return z.values(1, publicInputs + 1);
    }
}
