package org.loraproof.circuit.lora;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.gadgets.Bits;
import org.loraproof.circuit.gadgets.FixedPoint;
import org.loraproof.circuit.gadgets.PoseidonGadget;
import org.loraproof.circuit.merkle.MerkleTree;
import org.loraproof.circuit.r1cs.ConstraintCounter;
import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.circuit.r1cs.LinearCombination;

/**
 * One SGD step on committed tensors: for every value, p' = ⌊(p·2^f − η_q·g + 2^(f−1)) / 2^f⌋, with
 * every leaf of every tensor (before, gradient, after) hashed in-circuit and each tree's root bound
 * to its public commitment. {@code lora-update} updates A and B (size O(r·(d_in + d_out))),
 * {@code sgd-update} a full matrix W (size O(d_in·d_out)). Public inputs: the commitments of the
 * tensors before, of their gradients, of the tensors after (each group in tensor order), then η_q.
 */
public final class UpdateCircuit {

    /** One updated tensor: name, layout and shape. */
    public record Tensor(String name, TensorLayout layout, int rows, int cols) {
    }

    /** The constants the circuit is set up for. */
    public record Shape(String statement, List<Tensor> tensors, FixedPointParams params) {
        public List<String> publicInputs() {
            List<String> names = new ArrayList<>();
            for (String group : new String[] {"", "g", "'"}) {
                for (Tensor t : tensors) {
                    names.add(group.equals("g") ? "C_g" + t.name() : "C_" + t.name() + group);
                }
            }
            names.add("eta_q");
            return names;
        }
    }

    public static Shape loraUpdate(int dOut, int dIn, int rank, FixedPointParams p) {
        return new Shape("lora-update", List.of(new Tensor("A", TensorLayout.ADAPTER_COLUMNS, rank, dIn),
                new Tensor("B", TensorLayout.ADAPTER_ROWS, dOut, rank)), p);
    }

    public static Shape sgdUpdate(int dOut, int dIn, FixedPointParams p) {
        return new Shape("sgd-update", List.of(new Tensor("W", TensorLayout.MATRIX_ROWS, dOut, dIn)), p);
    }

    /**
     * The prover's data, per tensor in shape order: values before, gradients, values after (row-major,
     * quantized) and their commitments; η_q.
     */
    public record Witness(List<long[]> before, List<long[]> grad, List<long[]> after, List<TensorCommitment> cBefore,
            List<TensorCommitment> cGrad, List<TensorCommitment> cAfter, long eta) {
        public List<Fr> publicInputs() {
            List<Fr> out = new ArrayList<>();
            cBefore.forEach(c -> out.add(c.commitment()));
            cGrad.forEach(c -> out.add(c.commitment()));
            cAfter.forEach(c -> out.add(c.commitment()));
            out.add(Fr.of(eta));
            return out;
        }
    }

    /** The native update rule the circuit enforces. */
    public static long[] apply(long[] p, long[] g, long eta, int f) {
        long[] out = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            BigInteger x = BigInteger.valueOf(p[i]).shiftLeft(f).subtract(BigInteger.valueOf(eta).multiply(BigInteger.valueOf(g[i])));
            out[i] = FixedPoint.roundShift(x, f).longValueExact();
        }
        return out;
    }

    public static void synthesize(ConstraintSystem cs, Shape s, Witness w) {
        FixedPointParams p = s.params();
        int n = s.tensors().size();
        Supplier<Witness> wit = () -> w;
        List<String> names = s.publicInputs();
        LinearCombination[] pub = new LinearCombination[names.size()];
        for (int k = 0; k < pub.length; k++) {
            final int idx = k;
            pub[k] = cs.publicInput(names.get(k), () -> wit.get().publicInputs().get(idx));
        }
        LinearCombination eta = pub[pub.length - 1];
        try (var e = cs.scope("eta.range")) {
            Bits.signedRangeCheck(cs, "value", eta, p.valueBits());
        }
        for (int ti = 0; ti < n; ti++) {
            Tensor t = s.tensors().get(ti);
            final int tIdx = ti;
            try (var sc = cs.scope(t.name())) {
                int leaves = (int) t.layout().leafCount(t.rows(), t.cols(), p);
                LinearCombination[][] hashes = new LinearCombination[3][leaves];
                for (int leaf = 0; leaf < leaves; leaf++) {
                    final int l = leaf;
                    try (var ls = cs.scope("leaf", leaf)) {
                        LinearCombination[] h = leafUnit(cs, t, p, eta,
                                k -> leafOf(k == 0 ? wit.get().before().get(tIdx) : k == 1 ? wit.get().grad().get(tIdx)
                                        : wit.get().after().get(tIdx), t, p, l));
                        for (int k = 0; k < 3; k++) {
                            hashes[k][leaf] = h[k];
                        }
                    }
                }
                String[] groups = {"before", "grad", "after"};
                for (int k = 0; k < 3; k++) {
                    final int kk = k;
                    try (var g = cs.scope(groups[k])) {
                        LinearCombination root = treeRoot(cs, hashes[k]);
                        LinearCombination blind = cs.witness("blind", () -> commitments(wit.get(), kk).get(tIdx).blind());
                        Fr tag = TensorCommitment.tag(t.layout(), t.rows(), t.cols(), p);
                        LinearCombination c = PoseidonGadget.hash(cs, "commitment", root, blind, LinearCombination.constant(tag));
                        cs.enforce("matches", c, cs.one(), pub[k * n + ti]);
                    }
                }
            }
        }
    }

    private static List<TensorCommitment> commitments(Witness w, int group) {
        return group == 0 ? w.cBefore() : group == 1 ? w.cGrad() : w.cAfter();
    }

    private static long[] leafOf(long[] values, Tensor t, FixedPointParams p, int leaf) {
        long[] out = new long[t.layout().leafSize(t.rows(), t.cols(), p)];
        t.layout().leafValues(values, t.rows(), t.cols(), p, leaf, out);
        return out;
    }

    /**
     * One leaf position of the three tensors: values (range-checked), leaf hashes, and the update
     * of each value. Returns the three leaf hashes.
     */
    private static LinearCombination[] leafUnit(ConstraintSystem cs, Tensor t, FixedPointParams p, LinearCombination eta,
            java.util.function.IntFunction<long[]> values) {
        int size = t.layout().leafSize(t.rows(), t.cols(), p);
        String[] groups = {"before", "grad", "after"};
        LinearCombination[][] v = new LinearCombination[3][size];
        LinearCombination[] hashes = new LinearCombination[3];
        for (int k = 0; k < 3; k++) {
            final int kk = k;
            long[][] cache = new long[1][];
            try (var g = cs.scope(groups[k])) {
                for (int i = 0; i < size; i++) {
                    final int ii = i;
                    v[k][i] = cs.witness("value[" + i + "]", () -> {
                        if (cache[0] == null) {
                            cache[0] = values.apply(kk);
                        }
                        return Fr.of(cache[0][ii]);
                    });
                    Bits.signedRangeCheck(cs, "value[" + i + "].range", v[k][i], p.valueBits());
                }
                hashes[k] = PoseidonGadget.hash(cs, "hash", pack(v[k], p));
            }
        }
        int f = p.fractionalBits();
        Fr scale = Fr.of(BigInteger.ONE.shiftLeft(f)), half = Fr.of(BigInteger.ONE.shiftLeft(f - 1));
        try (var u = cs.scope("update")) {
            for (int i = 0; i < size; i++) {
                final LinearCombination before = v[0][i], grad = v[1][i], after = v[2][i];
                LinearCombination rem = cs.witness("remainder[" + i + "]", () -> {
                    BigInteger x = Bits.signed(cs.value(before)).shiftLeft(f)
                            .subtract(Bits.signed(cs.value(eta)).multiply(Bits.signed(cs.value(grad)))).add(half.toBigInteger());
                    return Fr.of(x.subtract(Bits.signed(cs.value(after)).shiftLeft(f)));
                });
                cs.enforce("rule[" + i + "]", eta, grad,
                        before.scale(scale).add(half).sub(after.scale(scale)).sub(rem));
                Bits.rangeCheck(cs, "remainder[" + i + "].range", rem, f);
            }
        }
        return hashes;
    }

    static LinearCombination[] pack(LinearCombination[] v, FixedPointParams p) {
        int per = p.valuesPerElement();
        LinearCombination[] elements = new LinearCombination[p.packedElements(v.length)];
        for (int e = 0; e < elements.length; e++) {
            LinearCombination acc = LinearCombination.ZERO;
            for (int k = e * per; k < Math.min(v.length, (e + 1) * per); k++) {
                acc = acc.add(v[k].add(p.offset()).scale(Fr.of(BigInteger.ONE.shiftLeft(p.valueBits() * (k - e * per)))));
            }
            elements[e] = acc;
        }
        return elements;
    }

    /** The root over leaf hashes padded with empty leaves; all-empty subtrees are constants. */
    private static LinearCombination treeRoot(ConstraintSystem cs, LinearCombination[] leaves) {
        int depth = MerkleTree.depthFor(leaves.length);
        LinearCombination[] level = leaves;
        int real = leaves.length;
        try (var t = cs.scope("tree")) {
            for (int d = 0; d < depth; d++) {
                int parents = (real + 1) / 2;
                LinearCombination[] up = new LinearCombination[parents];
                LinearCombination empty = LinearCombination.constant(MerkleTree.emptyRoot(d));
                for (int i = 0; i < parents; i++) {
                    LinearCombination right = 2 * i + 1 < real ? level[2 * i + 1] : empty;
                    up[i] = PoseidonGadget.hash(cs, "node[" + (d + 1) + "][" + i + "]", level[2 * i], right);
                }
                level = up;
                real = parents;
            }
        }
        return level[0];
    }

    /**
     * The constraint count without building: the sub-circuits are uniform, so the count is
     * fixed + leaves·(one leaf unit) + hashed inner nodes·Poseidon(2) + per-tensor commitment checks,
     * each measured once on a {@link ConstraintCounter}. A test checks it against full counting.
     */
    public static long count(Shape s) {
        FixedPointParams p = s.params();
        ConstraintCounter fixed = new ConstraintCounter();
        LinearCombination eta = fixed.witness("eta", null);
        Bits.signedRangeCheck(fixed, "eta", eta, p.valueBits());
        long total = fixed.numConstraints();
        long node = countOf(cs -> PoseidonGadget.hash(cs, "h", cs.witness("a", null), cs.witness("b", null)));
        long commitment = countOf(cs -> {
            PoseidonGadget.hash(cs, "h", cs.witness("r", null), cs.witness("b", null), LinearCombination.constant(1));
            cs.enforce("m", cs.one(), cs.one(), cs.one());
        });
        for (Tensor t : s.tensors()) {
            long leaves = t.layout().leafCount(t.rows(), t.cols(), p);
            long unit = countOf(cs -> leafUnit(cs, t, p, cs.witness("eta", null), k -> null));
            long inner = 0;
            for (long real = leaves; real > 1; real = (real + 1) / 2) {
                inner += (real + 1) / 2;
            }
            total += leaves * unit + 3 * (inner * node + commitment);
        }
        return total;
    }

    private static long countOf(java.util.function.Consumer<ConstraintSystem> body) {
        ConstraintCounter c = new ConstraintCounter();
        body.accept(c);
        return c.numConstraints();
    }
}
