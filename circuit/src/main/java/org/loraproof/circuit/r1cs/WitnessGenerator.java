package org.loraproof.circuit.r1cs;

import java.util.List;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.MontgomeryField;

/**
 * Runs circuit code to compute the witness and check it, storing nothing but the assignment: each
 * constraint is evaluated as it is added (it refers only to variables already assigned) and the
 * first failing one is kept with its name and values. What a prover needs when the constraints
 * themselves come from the proving key; a MockProver without the matrices.
 */
public final class WitnessGenerator extends AbstractConstraintSystem {
    private static final MontgomeryField FR = MontgomeryField.FR;
    private final Assignment z;
    private final long[] va = new long[4], vb = new long[4], vc = new long[4], t = new long[4];
    private MockProver.Failure firstFailure;
    /** A·z and B·z of each constraint from {@link #firstRecorded} on, when recording (else null). */
    private long[] evaluations;
    private int firstRecorded;

    public WitnessGenerator() {
        z = new Assignment();
    }

    private WitnessGenerator(Assignment z) {
        this.z = z;
    }

    /**
     * A generator that goes on from another's part of a circuit: variables below {@code prefix.length / 4}
     * hold the given values (Montgomery limbs; the public inputs among them), and allocation resumes at
     * variable {@code variable} and constraint {@code constraint}, as for a task that computes one
     * contiguous share of a witness whose common part another JVM computed. Circuit code of the share
     * may refer to the prefix's variables only.
     */
    public static WitnessGenerator continuing(long[] prefix, int publicInputs, int variable, int constraint) {
        WitnessGenerator g = new WitnessGenerator(new Assignment(prefix, variable));
        g.continueAt(publicInputs, variable, constraint);
        return g;
    }

    /**
     * From the next constraint on, records each constraint's A·z and B·z (what a quotient needs, so
     * that it can be computed where the witness is not); returns this generator.
     */
    public WitnessGenerator recordingEvaluations() {
        evaluations = new long[8 * 1024];
        firstRecorded = constraints;
        return this;
    }

    /** A·z then B·z (Montgomery limbs, eight per constraint) of the constraints since recording began. */
    public long[] evaluations() {
        return java.util.Arrays.copyOf(evaluations, 8 * (constraints - firstRecorded));
    }

    /** The values of variables [from, numVariables()), Montgomery limbs. */
    public long[] segment(int from) {
        return z.copy(from, variables);
    }

    @Override
    public LinearCombination publicInput(String name, Witness value) {
        int var = allocatePublic();
        z.assign(var, qualified(name), value);
        return LinearCombination.variable(var);
    }

    @Override
    public LinearCombination witness(String name, Witness value) {
        int var = allocatePrivate();
        z.assign(var, qualified(name), value);
        return LinearCombination.variable(var);
    }

    @Override
    public void enforce(String name, LinearCombination a, LinearCombination b, LinearCombination c) {
        int index = constraints++;
        if (firstFailure != null) {
            return;
        }
        z.evaluate(a, va);
        z.evaluate(b, vb);
        z.evaluate(c, vc);
        if (evaluations != null) {
            int at = 8 * (index - firstRecorded);
            if (at + 8 > evaluations.length) {
                evaluations = java.util.Arrays.copyOf(evaluations, Math.max(2 * evaluations.length, at + 8));
            }
            System.arraycopy(va, 0, evaluations, at, 4);
            System.arraycopy(vb, 0, evaluations, at + 4, 4);
        }
        FR.mul(t, 0, va, 0, vb, 0);
        if (!FR.equal(t, 0, vc, 0)) {
            firstFailure = new MockProver.Failure(index, qualified(name), Fr.fromLimbs(va, 0), Fr.fromLimbs(vb, 0),
                    Fr.fromLimbs(vc, 0));
        }
    }

    @Override
    public boolean computesWitness() {
        return true;
    }

    @Override
    public Fr value(LinearCombination lc) {
        return z.value(lc);
    }

    /** The first unsatisfied constraint, or null. */
    public MockProver.Failure firstFailure() {
        return firstFailure;
    }

    /** Throws {@link UnsatisfiedConstraintException} naming the first failing constraint. */
    public void assertSatisfied() {
        if (firstFailure != null) {
            throw new UnsatisfiedConstraintException(firstFailure);
        }
    }

    public long[] assignment() {
        return z.copy(variables);
    }

    public List<Fr> publicValues() {
        return z.values(1, publicInputs + 1);
    }
}
