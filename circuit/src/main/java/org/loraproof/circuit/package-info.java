/**
 * The pure-Java core of loraproof (no Spark or Hadoop): its subpackages hold the BN254 arithmetic,
 * the MSM and FFT kernels, Poseidon and Merkle trees, R1CS and gadgets, Groth16 and the statements.
 * {@link org.loraproof.circuit.Workers} is the pool the parallel kernels share.
 */
package org.loraproof.circuit;
