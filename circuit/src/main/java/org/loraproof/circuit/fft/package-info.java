/** Radix-2 number-theoretic transforms over the BN254 scalar field Fr (2-adicity 28). */
package org.loraproof.circuit.fft;
