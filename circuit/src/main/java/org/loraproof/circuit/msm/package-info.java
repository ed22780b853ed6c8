/**
 * Variable-base multi-scalar multiplication (Pippenger's bucket method) for G1 and G2, and
 * fixed-base tables for setup. {@link org.loraproof.circuit.msm.PippengerMsm#partial} over a
 * slice of bases is the unit a Spark executor computes; slices add up to the whole. Bucket
 * additions are batched affine additions (one inversion per batch), on the vector kernels
 * ({@link org.loraproof.circuit.msm.AffineLaneBatch}) when present.
 */
package org.loraproof.circuit.msm;
