/**
 * Groth16 over BN254, interchangeable with snarkjs and rapidsnark: keys in snarkjs's
 * {@code .zkey} layout and H-query convention, proofs and verification keys in snarkjs JSON,
 * setup, prover and verifier.
 */
package org.loraproof.circuit.groth16;
