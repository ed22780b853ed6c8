package org.loraproof.circuit.r1cs;

import org.loraproof.circuit.bn254.Fr;

/** How a variable's value is computed; called only when a constraint system computes a witness. */
@FunctionalInterface
public interface Witness {
    Fr compute();
}
