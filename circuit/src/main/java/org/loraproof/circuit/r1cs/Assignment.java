package org.loraproof.circuit.r1cs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.MontgomeryField;

/** A growing full assignment z (Montgomery limbs, four per variable, z[0] = 1). */
final class Assignment {
    private long[] z = new long[4 * 1024];
    private final long[] tmp = new long[4];

    Assignment() {
        MontgomeryField.FR.setOne(z, 0);
    }

    /** Computes and stores the value of variable var; a failing computation names the variable. */
    void assign(int var, String qualifiedName, Witness value) {
        if (4 * (var + 1) > z.length) {
            z = Arrays.copyOf(z, Math.max(z.length * 2, 4 * (var + 1)));
        }
        Fr v;
        try {
            v = value.compute();
        } catch (RuntimeException e) {
            throw new IllegalStateException("computing " + qualifiedName + ": " + e.getMessage(), e);
        }
        v.writeLimbs(z, 4 * var);
    }

    void reserve(int var) {
        if (4 * (var + 1) > z.length) {
            z = Arrays.copyOf(z, Math.max(z.length * 2, 4 * (var + 1)));
        }
    }

    Fr value(LinearCombination lc) {
        long[] out = new long[4];
        lc.evaluate(z, out, 0, tmp);
        return Fr.fromLimbs(out, 0);
    }

    /** Σ terms into out (no allocation). */
    void evaluate(LinearCombination lc, long[] out) {
        lc.evaluate(z, out, 0, tmp);
    }

    long[] copy(int variables) {
        return Arrays.copyOf(z, 4 * variables);
    }

    List<Fr> values(int from, int to) {
        List<Fr> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(Fr.fromLimbs(z, 4 * i));
        }
        return out;
    }
}
