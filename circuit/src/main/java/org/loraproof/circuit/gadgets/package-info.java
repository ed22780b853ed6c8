/**
 * Reusable sub-circuits: booleans, bit decompositions and range checks, the canonical 254-bit
 * decomposition, comparisons, selection, packing, fixed-point rounding, Poseidon and Merkle
 * paths. Each names its constraints under the caller's scope.
 */
package org.loraproof.circuit.gadgets;
