/**
 * Poseidon over BN254's Fr with circomlib's parameters (constants generated from the Grain LFSR),
 * natively on limb arrays. Its in-circuit twin is {@link org.loraproof.circuit.gadgets.PoseidonGadget}.
 */
package org.loraproof.circuit.poseidon;
