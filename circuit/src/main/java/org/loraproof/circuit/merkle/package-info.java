/** Poseidon Merkle trees: whole trees, roots of aligned blocks, and folding block roots. */
package org.loraproof.circuit.merkle;
