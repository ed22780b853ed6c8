package org.loraproof.circuit.r1cs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.MontgomeryField;

/**
 * Runs circuit code to build the constraints, their names and the witness. Values are computed
 * as variables are allocated; a witness function that throws stops the build with the name of
 * the variable.
 */
public final class R1csBuilder extends AbstractConstraintSystem {
    private static final MontgomeryField FR = MontgomeryField.FR;
    private final boolean computeWitness;
    private final SparseMatrix a = new SparseMatrix(1024, 4096);
    private final SparseMatrix b = new SparseMatrix(1024, 4096);
    private final SparseMatrix c = new SparseMatrix(1024, 4096);
    private long[] z = new long[4 * 1024];
    /** Scope prefix of each constraint, shared between consecutive constraints of one scope. */
    private String[] prefixes = new String[1024];
    private String[] localNames = new String[1024];
    private final long[] tmp = new long[4];

    /** A builder that also computes the witness. */
    public R1csBuilder() {
        this(true);
    }

    /** A builder that computes the witness only when asked to (constraints alone for setup). */
    public R1csBuilder(boolean computeWitness) {
        this.computeWitness = computeWitness;
        FR.setOne(z, 0);
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
        if (4 * (var + 1) > z.length) {
            z = Arrays.copyOf(z, Math.max(z.length * 2, 4 * (var + 1)));
        }
        if (computeWitness) {
            Fr v;
            try {
                v = value.compute();
            } catch (RuntimeException e) {
                throw new IllegalStateException("computing " + qualified(name) + ": " + e.getMessage(), e);
            }
            v.writeLimbs(z, 4 * var);
        }
        return LinearCombination.variable(var);
    }

    private String qualified(String name) {
        return prefix().isEmpty() ? name : prefix() + "." + name;
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
        long[] out = new long[4];
        lc.evaluate(z, out, 0, tmp);
        return Fr.fromLimbs(out, 0);
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
        return Arrays.copyOf(z, 4 * variables);
    }

    /** The public inputs' values, in order. */
    public List<Fr> publicValues() {
        List<Fr> out = new ArrayList<>(publicInputs);
        for (int i = 1; i <= publicInputs; i++) {
            out.add(Fr.fromLimbs(z, 4 * i));
        }
        return out;
    }
}
