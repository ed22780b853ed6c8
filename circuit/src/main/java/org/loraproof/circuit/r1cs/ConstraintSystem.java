package org.loraproof.circuit.r1cs;

import org.loraproof.circuit.bn254.Fr;

/**
 * What circuit code is written against. A circuit declares its public inputs first, then
 * allocates private variables, each with how its value is computed, and adds named constraints
 * A·B = C. The same code either only counts ({@link ConstraintCounter}) or builds the constraints
 * and the witness ({@link R1csBuilder}). Variables are numbered in allocation order (0 is the
 * constant one, then the public inputs), so a sub-circuit built in one stretch owns a contiguous
 * range of variables and constraints.
 */
public interface ConstraintSystem {
    /** The constant one. */
    default LinearCombination one() {
        return LinearCombination.constant(1);
    }

    /** A public input; all public inputs come before any private variable. */
    LinearCombination publicInput(String name, Witness value);

    /** A private variable. */
    LinearCombination witness(String name, Witness value);

    /** Adds the constraint a·b = c under the current scope. */
    void enforce(String name, LinearCombination a, LinearCombination b, LinearCombination c);

    /** True when values are computed (and {@link #value} may be called). */
    boolean computesWitness();

    /** The value of a linear combination under the witness computed so far. */
    Fr value(LinearCombination lc);

    /** Enters a naming scope until the returned handle is closed. */
    Scope scope(String name);

    /** Enters the scope {@code name[index]}. */
    default Scope scope(String name, int index) {
        return scope(name + "[" + index + "]");
    }

    int numConstraints();

    /** Variables including the constant one. */
    int numVariables();

    int numPublicInputs();

    /** A naming scope, closed by try-with-resources. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
