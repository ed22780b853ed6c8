/**
 * Rank-1 constraint systems: linear combinations, the {@link org.loraproof.circuit.r1cs.ConstraintSystem}
 * circuits are written against (counting only, or building constraints and witness), the
 * {@link org.loraproof.circuit.r1cs.MockProver}, and the iden3 {@code .r1cs}/{@code .wtns} formats.
 */
package org.loraproof.circuit.r1cs;
