/**
 * Radix-2 number-theoretic transforms over the BN254 scalar field Fr (2-adicity 28), scalar or
 * on the vector kernels ({@code LaneFft}, four-step) with identical results.
 */
package org.loraproof.circuit.fft;
