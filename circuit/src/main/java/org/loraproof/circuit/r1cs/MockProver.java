package org.loraproof.circuit.r1cs;

import java.util.ArrayList;
import java.util.List;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.MontgomeryField;

/**
 * Checks an assignment against every constraint and reports each failure by name with the
 * values of A·z, B·z and C·z. A prover runs it before proving, so it never proves a false
 * statement.
 */
public final class MockProver {
    private static final MontgomeryField FR = MontgomeryField.FR;

    private MockProver() {
    }

    /** One unsatisfied constraint. The values are for debugging; they may be secret. */
    public record Failure(int index, String name, Fr a, Fr b, Fr c) {
        @Override
        public String toString() {
            return name + " (constraint " + index + "): A·z = " + a + ", B·z = " + b + ", C·z = " + c;
        }
    }

    /** Up to {@code limit} failures, in constraint order; empty when the assignment satisfies all. */
    public static List<Failure> verify(R1cs r1cs, long[] z, int limit) {
        checkShape(r1cs, z);
        List<Failure> failures = new ArrayList<>();
        long[] va = new long[4], vb = new long[4], vc = new long[4], t = new long[4];
        for (int i = 0; i < r1cs.numConstraints() && failures.size() < limit; i++) {
            dot(r1cs.a(), i, z, va, t);
            dot(r1cs.b(), i, z, vb, t);
            dot(r1cs.c(), i, z, vc, t);
            FR.mul(t, 0, va, 0, vb, 0);
            if (!FR.equal(t, 0, vc, 0)) {
                failures.add(new Failure(i, r1cs.name(i), Fr.fromLimbs(va, 0), Fr.fromLimbs(vb, 0), Fr.fromLimbs(vc, 0)));
            }
        }
        return failures;
    }

    /**
     * Throws {@link UnsatisfiedConstraintException} naming the first failing constraint. The
     * message carries the name only, never witness values.
     */
    public static void assertSatisfied(R1cs r1cs, long[] z) {
        List<Failure> f = verify(r1cs, z, 1);
        if (!f.isEmpty()) {
            throw new UnsatisfiedConstraintException(f.get(0));
        }
    }

    private static void checkShape(R1cs r1cs, long[] z) {
        if (z.length != 4 * r1cs.numVariables()) {
            throw new IllegalArgumentException("witness has " + z.length / 4 + " values, the constraint system "
                    + r1cs.numVariables() + " variables");
        }
        long[] one = new long[4];
        FR.setOne(one, 0);
        if (!FR.equal(z, 0, one, 0)) {
            throw new IllegalArgumentException("witness value 0 must be the constant 1");
        }
    }

    static void dot(SparseMatrix m, int row, long[] z, long[] out, long[] t) {
        FR.setZero(out, 0);
        long[] c = m.coeffs;
        for (int k = m.rowStart[row]; k < m.rowStart[row + 1]; k++) {
            FR.mul(t, 0, c, 4 * k, z, 4 * m.cols[k]);
            FR.add(out, 0, out, 0, t, 0);
        }
    }
}
