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

    public int variableAt(int term) {
        return vars[term];
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

    /** Σ cᵢ·z[vᵢ] into out[oo…] for an assignment z of Montgomery limbs. */
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
