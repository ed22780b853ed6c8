package org.loraproof.circuit.gadgets;

import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.circuit.r1cs.LinearCombination;

/**
 * In-circuit twin of {@link org.loraproof.circuit.merkle.MerkleTree#path}: the root of a leaf
 * hash and its siblings, with position bits taken from the leaf index (bit k set: the node at
 * level k is a right child). Per level one selection constraint and one Poseidon(2).
 */
public final class MerklePathGadget {
    private MerklePathGadget() {
    }

    /** The root reached from {@code leaf} along {@code siblings} with the given position bits. */
    public static LinearCombination root(ConstraintSystem cs, LinearCombination leaf, LinearCombination[] indexBits,
            LinearCombination[] siblings) {
        if (indexBits.length != siblings.length) {
            throw new IllegalArgumentException("one position bit per sibling");
        }
        LinearCombination node = leaf;
        for (int k = 0; k < siblings.length; k++) {
            try (var s = cs.scope("level", k)) {
                // right child: (sibling, node); left child: (node, sibling)
                LinearCombination left = Comparators.select(cs, "left", indexBits[k], siblings[k], node);
                LinearCombination right = node.add(siblings[k]).sub(left);
                node = PoseidonGadget.hash(cs, "hash", left, right);
            }
        }
        return node;
    }

    /**
     * Constrains {@code index} to {@code depth} bits and the path from {@code leaf} to end at
     * {@code root}; returns the position bits. Constraint {@code root} fails on a wrong sibling or
     * position.
     */
    public static LinearCombination[] verify(ConstraintSystem cs, String name, LinearCombination leaf,
            LinearCombination index, LinearCombination[] siblings, LinearCombination root) {
        try (var s = cs.scope(name)) {
            LinearCombination[] bits;
            try (var i = cs.scope("index")) {
                bits = Bits.decompose(cs, index, siblings.length);
            }
            LinearCombination computed = root(cs, leaf, bits, siblings);
            cs.enforce("root", computed, cs.one(), root);
            return bits;
        }
    }
}
