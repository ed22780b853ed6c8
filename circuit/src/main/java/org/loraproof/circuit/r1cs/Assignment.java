package org.loraproof.circuit.r1cs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.MontgomeryField;

/**
 * A growing full assignment z (Montgomery limbs, four per variable, z[0] = 1). Each variable is
 * assigned once, when it is allocated, so the value of a (immutable) linear combination never
 * changes: the last few long ones evaluated are remembered by identity, as circuit code tends to
 * use one several times in a row (a Poseidon S-box input, a sum of dozens of terms, is evaluated
 * four times for its three constraints).
 */
final class Assignment {
    private static final int RECENT = 4, LONG_TERMS = 4;
    private long[] z = new long[4 * 1024];
    /** A window's variables below {@link #base} (the common part's values), or null: then z starts at 0. */
    private final long[] prefix;
    private final int prefixVars, base;
    private final long[] tmp = new long[4];
    private final LinearCombination[] recent = new LinearCombination[RECENT];
    private final long[] recentValues = new long[4 * RECENT];
    private int nextRecent;

    Assignment() {
        MontgomeryField.FR.setOne(z, 0);
        prefix = null;
        prefixVars = 0;
        base = 0;
    }

    /**
     * A window of an assignment: the variables of {@code prefix} (z[0] = 1 among them), then those
     * from {@code base} on, stored from 0 here; nothing between is held (a task's share of a
     * witness refers to the common part's variables and to its own only).
     */
    Assignment(long[] prefix, int base) {
        this.prefix = prefix;
        this.prefixVars = prefix.length / 4;
        this.base = base;
    }

    /** Computes and stores the value of variable var; a failing computation names the variable. */
    void assign(int var, String qualifiedName, Witness value) {
        var -= base;
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

    Fr value(LinearCombination lc) {
        long[] out = new long[4];
        evaluate(lc, out);
        return Fr.fromLimbs(out, 0);
    }

    /** Σ terms into out (no allocation). */
    void evaluate(LinearCombination lc, long[] out) {
        if (lc.size() < LONG_TERMS) {
            evaluateNow(lc, out);
            return;
        }
        for (int i = 0; i < RECENT; i++) {
            if (recent[i] == lc) {
                System.arraycopy(recentValues, 4 * i, out, 0, 4);
                return;
            }
        }
        evaluateNow(lc, out);
        recent[nextRecent] = lc;
        System.arraycopy(out, 0, recentValues, 4 * nextRecent, 4);
        nextRecent = (nextRecent + 1) % RECENT;
    }

    private void evaluateNow(LinearCombination lc, long[] out) {
        if (prefix == null) {
            lc.evaluate(z, out, 0, tmp);
        } else {
            lc.evaluate(prefix, prefixVars, z, base, out, 0, tmp);
        }
    }

    long[] copy(int variables) {
        if (prefix != null) {
            throw new IllegalStateException("a window holds no whole assignment");
        }
        return Arrays.copyOf(z, 4 * variables);
    }

    /** Variables [from, to), all of them at or above the window's base. */
    long[] copy(int from, int to) {
        return Arrays.copyOfRange(z, 4 * (from - base), 4 * (to - base));
    }

    List<Fr> values(int from, int to) {
        List<Fr> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(prefix != null && i < prefixVars ? Fr.fromLimbs(prefix, 4 * i) : Fr.fromLimbs(z, 4 * (i - base)));
        }
        return out;
    }
}
