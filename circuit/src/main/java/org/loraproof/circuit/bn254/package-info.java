/**
 * BN254 (alt_bn128): the prime fields Fp and Fr in Montgomery form, the tower
 * Fp2 ⊂ Fp6 ⊂ Fp12, the groups G1 and G2, the optimal ate pairing, and their encodings
 * (EIP-196/197 bytes, snarkjs JSON, SEC1-style compressed).
 *
 * <p>Two layers: limb kernels ({@link org.loraproof.circuit.bn254.MontgomeryField},
 * {@link org.loraproof.circuit.bn254.Fp2Field}, {@link org.loraproof.circuit.bn254.JacobianCurve})
 * that work in place on {@code long[]} arrays for the hot loops, and immutable value types
 * ({@code Fp}, {@code Fr}, {@code Fp2}, {@code G1Point}, …) for everything else.
 */
package org.loraproof.circuit.bn254;
