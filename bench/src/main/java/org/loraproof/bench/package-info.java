/**
 * JMH benchmarks of the arithmetic and the prover's kernels, and the squaring-chain circuit the
 * snarkjs comparison ({@code bench/compare-snarkjs.sh}) proves. Never part of the test run.
 */
package org.loraproof.bench;
