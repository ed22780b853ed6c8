/**
 * loraproof's statements: fixed-point quantization, tensor commitments (Poseidon trees of packed
 * leaves), and the circuits lora-merge, lora-update and sgd-update.
 */
package org.loraproof.circuit.lora;
