package org.loraproof.circuit.r1cs;

import java.util.Arrays;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.MontgomeryField;

/**
 * An immutable sparse linear combination Σ cᵢ·z[vᵢ] over the variables of a constraint system
 * (variable 0 is the constant one). Terms are kept sorted by variable with non-zero
 * coefficients, so sums merge in linear time.
 */
public final class LinearCombination {
    private static final MontgomeryField FR = MontgomeryField.FR;
    public static final LinearCombination ZERO = new LinearCombination(new int[0], new long[0]);

    final int[] vars;
    /** Montgomery limbs, four per term. */
    final long[] coeffs;

    LinearCombination(int[] vars, long[] coeffs) {
        this.vars = vars;
        this.coeffs = coeffs;
    }

    /** 1·z[var]. */
    static LinearCombination variable(int var) {
        long[] c = new long[4];
        FR.setOne(c, 0);
        return new LinearCombination(new int[] {var}, c);
    }

    /** The constant c (a multiple of variable 0). */
    public static LinearCombination constant(Fr c) {
        if (c.isZero()) {
            return ZERO;
        }
        long[] l = new long[4];
        c.writeLimbs(l, 0);
        return new LinearCombination(new int[] {0}, l);
    }

    public static LinearCombination constant(long c) {
        return constant(Fr.of(c));
    }

    public int size() {
        return vars.length;
    }

    /** Its variables, a copy (with {@link #coefficientLimbs()}, what another JVM rebuilds it from). */
    public int[] variables() {
        return vars.clone();
    }

    /** Its coefficients, Montgomery limbs, four per term, a copy. */
    public long[] coefficientLimbs() {
        return coeffs.clone();
    }

    /** The combination of these variables and coefficients (as {@link #variables()} and {@link #coefficientLimbs()} give them). */
    public static LinearCombination of(int[] variables, long[] coefficientLimbs) {
        if (coefficientLimbs.length != 4 * variables.length) {
            throw new IllegalArgumentException(variables.length + " variables, " + coefficientLimbs.length / 4
                    + " coefficients");
        }
        return new LinearCombination(variables.clone(), coefficientLimbs.clone());
    }

    public int variableAt(int term) {
        return vars[term];
    }

    /** Copies the Montgomery limbs of term's coefficient to out[off…] (no allocation, for streaming passes). */
    public void copyCoefficient(int term, long[] out, int off) {
        System.arraycopy(coeffs, 4 * term, out, off, 4);
    }

    public Fr coefficientAt(int term) {
        return Fr.fromLimbs(coeffs, 4 * term);
    }

    public boolean isZero() {
        return vars.length == 0;
    }

    /** True when this is exactly one variable with coefficient 1. */
    public boolean isVariable() {
        if (vars.length != 1 || vars[0] == 0) {
            return false;
        }
        long[] one = new long[4];
        FR.setOne(one, 0);
        return FR.equal(coeffs, 0, one, 0);
    }

    public LinearCombination add(LinearCombination o) {
        return combine(o, false);
    }

    public LinearCombination sub(LinearCombination o) {
        return combine(o, true);
    }

    public LinearCombination add(Fr c) {
        return add(constant(c));
    }

    public LinearCombination add(long c) {
        return add(constant(c));
    }

    public LinearCombination neg() {
        return scale(Fr.ONE.neg());
    }

    public LinearCombination scale(Fr k) {
        if (k.isZero()) {
            return ZERO;
        }
        long[] kl = new long[4];
        k.writeLimbs(kl, 0);
        long[] c = new long[coeffs.length];
        for (int i = 0; i < vars.length; i++) {
            FR.mul(c, 4 * i, coeffs, 4 * i, kl, 0);
        }
        return new LinearCombination(vars, c);
    }

    public LinearCombination scale(long k) {
        return scale(Fr.of(k));
    }

    /** this + k·o. */
    public LinearCombination addScaled(Fr k, LinearCombination o) {
        return add(o.scale(k));
    }

    private LinearCombination combine(LinearCombination o, boolean subtract) {
        if (o.vars.length == 0) {
            return this;
        }
        int[] v = new int[vars.length + o.vars.length];
        long[] c = new long[4 * v.length];
        int i = 0, j = 0, k = 0;
        while (i < vars.length || j < o.vars.length) {
            int vi = i < vars.length ? vars[i] : Integer.MAX_VALUE;
            int vj = j < o.vars.length ? o.vars[j] : Integer.MAX_VALUE;
            if (vi < vj) {
                v[k] = vi;
                System.arraycopy(coeffs, 4 * i++, c, 4 * k++, 4);
            } else if (vj < vi) {
                v[k] = vj;
                if (subtract) {
                    FR.neg(c, 4 * k, o.coeffs, 4 * j);
                } else {
                    System.arraycopy(o.coeffs, 4 * j, c, 4 * k, 4);
                }
                j++;
                k++;
            } else {
                if (subtract) {
                    FR.sub(c, 4 * k, coeffs, 4 * i, o.coeffs, 4 * j);
                } else {
                    FR.add(c, 4 * k, coeffs, 4 * i, o.coeffs, 4 * j);
                }
                if (!FR.isZero(c, 4 * k)) {
                    v[k++] = vi;
                }
                i++;
                j++;
            }
        }
        return new LinearCombination(Arrays.copyOf(v, k), Arrays.copyOf(c, 4 * k));
    }

    /**
     * Σ kᵢ·lᵢ over i < count, for coefficients k (four Montgomery limbs each, at k[4i…]): the same
     * combination that repeated {@link #addScaled} would give (terms by variable, zeros dropped), in
     * one merge.
     */
    public static LinearCombination sum(long[] k, LinearCombination[] l, int count) {
        int terms = 0;
        for (int i = 0; i < count; i++) {
            if (!FR.isZero(k, 4 * i)) {
                terms += l[i].vars.length;
            }
        }
        long[] order = new long[terms];
        long[] c = new long[4 * terms];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (FR.isZero(k, 4 * i)) {
                continue;
            }
            LinearCombination li = l[i];
            for (int j = 0; j < li.vars.length; j++) {
                FR.mul(c, 4 * n, li.coeffs, 4 * j, k, 4 * i);
                order[n] = ((long) li.vars[j] << 32) | n;
                n++;
            }
        }
        Arrays.sort(order);
        int[] v = new int[terms];
        long[] out = new long[4 * terms];
        int m = 0;
        for (int x = 0; x < terms; ) {
            int var = (int) (order[x] >>> 32);
            System.arraycopy(c, 4 * (int) order[x], out, 4 * m, 4);
            for (x++; x < terms && (int) (order[x] >>> 32) == var; x++) {
                FR.add(out, 4 * m, out, 4 * m, c, 4 * (int) order[x]);
            }
            if (!FR.isZero(out, 4 * m)) {
                v[m++] = var;
            }
        }
        return new LinearCombination(Arrays.copyOf(v, m), Arrays.copyOf(out, 4 * m));
    }

    /** Σ cᵢ·z[vᵢ] into out[oo…] for an assignment z of Montgomery limbs. */
    /**
     * As {@link #evaluate(long[], long[], int, long[])} over a window of an assignment: variables
     * below {@code lowVars} in {@code low}, those from {@code base} on in {@code high} (from 0).
     */
    void evaluate(long[] low, int lowVars, long[] high, int base, long[] out, int oo, long[] tmp) {
        FR.setZero(out, oo);
        for (int i = 0; i < vars.length; i++) {
            int v = vars[i];
            if (v < lowVars) {
                FR.mul(tmp, 0, coeffs, 4 * i, low, 4 * v);
            } else {
                FR.mul(tmp, 0, coeffs, 4 * i, high, 4 * (v - base));
            }
            FR.add(out, oo, out, oo, tmp, 0);
        }
    }

    public void evaluate(long[] z, long[] out, int oo, long[] tmp) {
        FR.setZero(out, oo);
        for (int i = 0; i < vars.length; i++) {
            FR.mul(tmp, 0, coeffs, 4 * i, z, 4 * vars[i]);
            FR.add(out, oo, out, oo, tmp, 0);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearCombination l && Arrays.equals(vars, l.vars) && Arrays.equals(coeffs, l.coeffs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(vars) * 31 + Arrays.hashCode(coeffs);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < vars.length; i++) {
            b.append(i == 0 ? "" : " + ").append(coefficientAt(i)).append("·z").append(vars[i]);
        }
        return vars.length == 0 ? "0" : b.toString();
    }
}
