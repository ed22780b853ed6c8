/**
 * BN254 (alt_bn128): the prime fields Fp and Fr in Montgomery form, the tower
 * Fp2 ⊂ Fp6 ⊂ Fp12, the groups G1 and G2, the optimal ate pairing, and their encodings
 * (EIP-196/197 bytes, snarkjs JSON, SEC1-style compressed).
 *
 * <p>Two layers: limb kernels ({@link org.loraproof.circuit.bn254.MontgomeryField},
 * {@link org.loraproof.circuit.bn254.Fp2Field}, {@link org.loraproof.circuit.bn254.JacobianCurve})
 * that work in place on {@code long[]} arrays for the hot loops, and immutable value types
 * ({@code Fp}, {@code Fr}, {@code Fp2}, {@code G1Point}, …) for everything else. A third, for
 * batches: {@link org.loraproof.circuit.bn254.FieldLanes} and
 * {@link org.loraproof.circuit.bn254.Fp2Lanes} compute eight elements at a time on 512-bit
 * vectors when {@link org.loraproof.circuit.bn254.Simd#ENABLED}.
 */
package org.loraproof.circuit.bn254;
