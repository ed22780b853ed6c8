package org.loraproof.circuit.lora;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Supplier;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.gadgets.Bits;
import org.loraproof.circuit.gadgets.MerklePathGadget;
import org.loraproof.circuit.gadgets.PoseidonGadget;
import org.loraproof.circuit.merkle.MerkleTree;
import org.loraproof.circuit.r1cs.ConstraintCounter;
import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.circuit.r1cs.LinearCombination;

/**
 * lora-merge: W_eff = W_base + s·B·A, checked at k positions the circuit derives from the
 * commitments and the nonce. Public inputs, in order: C_base, C_eff, C_A, C_B, nonce, s_q, τ.
 *
 * <p>Layout: a {@code commitments} section (each C = Poseidon(root, blind, tag), the seed, range
 * checks of s_q and τ), then one contiguous {@code sample[t]} sub-circuit per sample: the position
 * (h_t = Poseidon(seed, t), its canonical bits, two 64-bit slices reduced mod d_out and d_in), the
 * openings of w_base and w_eff (leaf of L values, one-hot selection of the column within the leaf),
 * of row B[i,:] and column A[:,j], each range-checked and bound to its root by a Merkle path, the
 * rank accumulation Σ B[i][ρ]·A[ρ][j], and the tolerance
 * |w_eff·2^(2f) − w_base·2^(2f) − s_q·acc| ≤ τ·2^(2f).
 */
public final class LoraMergeCircuit {
    public static final List<String> PUBLIC_INPUTS = List.of("C_base", "C_eff", "C_A", "C_B", "nonce", "s_q", "tau");
    /** Bits of τ (in units of the last place of w). */
    public static final int TAU_BITS = 16;

    private LoraMergeCircuit() {
    }

    /** Tensors as the circuit numbers them. */
    public static final int BASE = 0, EFF = 1, A = 2, B = 3;

    /**
     * What the circuit reads of the prover: the four commitments' roots and blinds, the public
     * nonce, s_q and τ, and at each sampled position the leaves it opens with their Merkle paths.
     * Whole tensors ({@link Witness}) or only the openings a proof needs.
     */
    public interface Data {
        /** C of a tensor (BASE, EFF, A, B). */
        Fr commitment(int tensor);

        Fr root(int tensor);

        Fr blind(int tensor);

        Fr nonce();

        long sQ();

        long tau();

        /** The values of a leaf of a tensor (W: L values of a row; B: a row; A: a column). */
        long[] leaf(int tensor, int index);

        /** The siblings of a leaf up to the root, bottom first. */
        Fr[] path(int tensor, int index);

        default List<Fr> publicInputs() {
            return List.of(commitment(BASE), commitment(EFF), commitment(A), commitment(B), nonce(), Fr.of(sQ()),
                    Fr.of(tau()));
        }

        default Fr seed() {
            return SamplePositions.seed(commitment(BASE), commitment(EFF), commitment(A), commitment(B), nonce());
        }
    }

    /**
     * The prover's data as whole tensors of a shape: quantized row-major tensors (W: d_out × d_in,
     * A: r × d_in, B: d_out × r), their commitments (with blinds and trees) and the public nonce, s_q and τ.
     */
    public record Witness(LoraMergeShape shape, long[] base, long[] eff, long[] a, long[] b, TensorCommitment cBase, TensorCommitment cEff,
            TensorCommitment cA, TensorCommitment cB, Fr nonce, long sQ, long tau) implements Data {
        private TensorCommitment of(int tensor) {
            return switch (tensor) {
                case BASE -> cBase;
                case EFF -> cEff;
                case A -> cA;
                default -> cB;
            };
        }

        @Override
        public Fr commitment(int tensor) {
            return of(tensor).commitment();
        }

        @Override
        public Fr root(int tensor) {
            return of(tensor).root();
        }

        @Override
        public Fr blind(int tensor) {
            return of(tensor).blind();
        }

        @Override
        public long[] leaf(int tensor, int index) {
            LoraMergeShape s = shape;
            return switch (tensor) {
                case BASE -> leafOf(base, s.dOut(), s.dIn(), TensorLayout.MATRIX_ROWS, s.params(), index);
                case EFF -> leafOf(eff, s.dOut(), s.dIn(), TensorLayout.MATRIX_ROWS, s.params(), index);
                case A -> leafOf(a, s.rank(), s.dIn(), TensorLayout.ADAPTER_COLUMNS, s.params(), index);
                default -> leafOf(b, s.dOut(), s.rank(), TensorLayout.ADAPTER_ROWS, s.params(), index);
            };
        }

        @Override
        public Fr[] path(int tensor, int index) {
            return of(tensor).tree().path(index);
        }
    }

    /** Builds the circuit; {@code w} may be null when the system computes no witness. */
    public static void synthesize(ConstraintSystem cs, LoraMergeShape s, Data w) {
        Common c = common(cs, s, w);
        samples(cs, s, w, c, 0, s.samples());
    }

    /**
     * What every sample reads of the common part: the seed, the four roots, s_q and τ, as linear
     * combinations of the common part's variables (which a task that synthesizes only some samples
     * is given the values of).
     */
    public record Common(LinearCombination seed, LinearCombination[] roots, LinearCombination sQ, LinearCombination tau) {
        /** The seven combinations in order: seed, roots, s_q, τ. */
        public LinearCombination[] all() {
            return new LinearCombination[] {seed, roots[0], roots[1], roots[2], roots[3], sQ, tau};
        }

        public static Common of(LinearCombination[] all) {
            return new Common(all[0], new LinearCombination[] {all[1], all[2], all[3], all[4]}, all[5], all[6]);
        }
    }

    /**
     * The common part: the public inputs, each commitment opened to its root, the seed of the
     * positions, the range checks of s_q and τ. It owns the first variables and constraints; the
     * samples follow, each a contiguous block of the same size ({@link #layout}).
     */
    public static Common common(ConstraintSystem cs, LoraMergeShape s, Data w) {
        FixedPointParams p = s.params();
        Supplier<Data> wit = () -> w;
        LinearCombination[] pub = new LinearCombination[PUBLIC_INPUTS.size()];
        for (int k = 0; k < pub.length; k++) {
            final int idx = k;
            pub[k] = cs.publicInput(PUBLIC_INPUTS.get(k), () -> wit.get().publicInputs().get(idx));
        }
        LinearCombination cBase = pub[0], cEff = pub[1], cA = pub[2], cB = pub[3], nonce = pub[4], sQ = pub[5], tau = pub[6];
        LinearCombination[] roots = new LinearCombination[4];
        LinearCombination seed;
        try (var c = cs.scope("commitments")) {
            String[] names = {"base", "eff", "a", "b"};
            TensorLayout[] layouts = {TensorLayout.MATRIX_ROWS, TensorLayout.MATRIX_ROWS, TensorLayout.ADAPTER_COLUMNS,
                TensorLayout.ADAPTER_ROWS};
            int[][] shapes = {{s.dOut(), s.dIn()}, {s.dOut(), s.dIn()}, {s.rank(), s.dIn()}, {s.dOut(), s.rank()}};
            for (int k = 0; k < 4; k++) {
                final int idx = k;
                try (var n = cs.scope(names[k])) {
                    roots[k] = cs.witness("root", () -> wit.get().root(idx));
                    LinearCombination blind = cs.witness("blind", () -> wit.get().blind(idx));
                    Fr tag = TensorCommitment.tag(layouts[k], shapes[k][0], shapes[k][1], p);
                    LinearCombination computed = PoseidonGadget.hash(cs, "hash", roots[k], blind, LinearCombination.constant(tag));
                    cs.enforce("matches", computed, cs.one(), pub[k]);
                }
            }
            seed = PoseidonGadget.hash(cs, "seed", cBase, cEff, cA, cB, nonce);
            Bits.signedRangeCheck(cs, "s_q.range", sQ, p.valueBits());
            Bits.rangeCheck(cs, "tau.range", tau, TAU_BITS);
        }
        return new Common(seed, roots, sQ, tau);
    }

    /** Samples [from, to), each in its scope {@code sample[t]}, after the common part (or a task's share of them). */
    public static void samples(ConstraintSystem cs, LoraMergeShape s, Data w, Common c, int from, int to) {
        Supplier<Data> wit = () -> w;
        Fr[] seedValue = new Fr[1];
        for (int t = from; t < to; t++) {
            final int sample = t;
            int[][] position = new int[1][];
            Supplier<int[]> pos = () -> {
                if (position[0] == null) {
                    if (seedValue[0] == null) {
                        seedValue[0] = wit.get().seed();
                    }
                    position[0] = SamplePositions.position(seedValue[0], sample, s.dOut(), s.dIn());
                }
                return position[0];
            };
            try (var sc = cs.scope("sample", t)) {
                sample(cs, s, wit, t, pos, c.seed(), c.roots(), c.sQ(), c.tau());
            }
        }
    }

    /**
     * Where the parts are: the common part's variables and constraints, then each sample's (all
     * samples have the same size), counted without computing anything.
     */
    public record Layout(int commonVariables, int commonConstraints, int sampleVariables, int sampleConstraints) {
        /** The first variable of sample t. */
        public int variable(int t) {
            return commonVariables + t * sampleVariables;
        }

        /** The first constraint of sample t. */
        public int constraint(int t) {
            return commonConstraints + t * sampleConstraints;
        }
    }

    public static Layout layout(LoraMergeShape s) {
        ConstraintCounter cs = new ConstraintCounter();
        Common c = common(cs, s, null);
        int v0 = cs.numVariables(), c0 = cs.numConstraints();
        samples(cs, s, null, c, 0, 1);
        return new Layout(v0, c0, cs.numVariables() - v0, cs.numConstraints() - c0);
    }

    private static void sample(ConstraintSystem cs, LoraMergeShape s, Supplier<Data> wit, int t, Supplier<int[]> pos,
            LinearCombination seed, LinearCombination[] roots, LinearCombination sQ, LinearCombination tau) {
        FixedPointParams p = s.params();
        int perRow = s.leavesPerRow(), leaf = p.leafSize();
        int depthW = MerkleTree.depthFor((long) s.dOut() * perRow);
        int depthB = MerkleTree.depthFor(s.dOut()), depthA = MerkleTree.depthFor(s.dIn());
        // position
        LinearCombination lo, hi;
        try (var ps = cs.scope("position")) {
            LinearCombination h = PoseidonGadget.hash(cs, "hash", seed, LinearCombination.constant(t));
            LinearCombination[] bits;
            try (var b = cs.scope("bits")) {
                bits = Bits.canonical(cs, h);
            }
            lo = Bits.weightedSum(java.util.Arrays.copyOfRange(bits, 0, 64));
            hi = Bits.weightedSum(java.util.Arrays.copyOfRange(bits, 64, 128));
        }
        LinearCombination[] iBits = new LinearCombination[depthB], jBits = new LinearCombination[depthA];
        LinearCombination i = reduce(cs, "i", lo, s.dOut(), iBits, () -> pos.get()[0]);
        LinearCombination j = reduce(cs, "j", hi, s.dIn(), jBits, () -> pos.get()[1]);
        // column within the leaf: j = jLeaf·L + jOffset, jOffset selected one-hot
        LinearCombination leafIndex;
        LinearCombination[] onehot = new LinearCombination[leaf];
        try (var col = cs.scope("column")) {
            LinearCombination jLeaf = cs.witness("leaf", () -> Fr.of(pos.get()[1] / leaf));
            LinearCombination sum = LinearCombination.ZERO, weighted = LinearCombination.ZERO;
            for (int k = 0; k < leaf; k++) {
                final int kk = k;
                onehot[k] = Bits.allocateBoolean(cs, "onehot[" + k + "]", () -> pos.get()[1] % leaf == kk);
                sum = sum.add(onehot[k]);
                weighted = weighted.add(onehot[k].scale(k));
            }
            cs.enforce("onehot.sum", sum, cs.one(), cs.one());
            cs.enforce("split", jLeaf.scale(leaf).add(weighted), cs.one(), j);
            rangeOrZero(cs, "leaf.range", jLeaf, MerkleTree.depthFor(perRow));
            leafIndex = i.scale(perRow).add(jLeaf);
        }
        Supplier<Integer> wLeaf = () -> pos.get()[0] * perRow + pos.get()[1] / leaf;
        LinearCombination[] wBits;
        try (var wi = cs.scope("leaf.index")) {
            wBits = depthW == 0 ? new LinearCombination[0] : Bits.decompose(cs, leafIndex, depthW);
            if (depthW == 0) {
                cs.enforce("zero", leafIndex, cs.one(), LinearCombination.ZERO);
            }
        }
        LinearCombination[] baseVals = openLeaf(cs, "base", leaf, p, roots[0], leafIndex, depthW, wBits,
                () -> wit.get().leaf(BASE, wLeaf.get()), () -> wit.get().path(BASE, wLeaf.get()));
        LinearCombination[] effVals = openLeaf(cs, "eff", leaf, p, roots[1], leafIndex, depthW, wBits,
                () -> wit.get().leaf(EFF, wLeaf.get()), () -> wit.get().path(EFF, wLeaf.get()));
        LinearCombination wBase = select(cs, "base.select", onehot, baseVals);
        LinearCombination wEff = select(cs, "eff.select", onehot, effVals);
        LinearCombination[] bRow = openLeaf(cs, "b", s.rank(), p, roots[3], i, depthB, iBits,
                () -> wit.get().leaf(B, pos.get()[0]), () -> wit.get().path(B, pos.get()[0]));
        LinearCombination[] aCol = openLeaf(cs, "a", s.rank(), p, roots[2], j, depthA, jBits,
                () -> wit.get().leaf(A, pos.get()[1]), () -> wit.get().path(A, pos.get()[1]));
        LinearCombination acc = LinearCombination.ZERO;
        try (var r = cs.scope("rank")) {
            for (int rho = 0; rho < s.rank(); rho++) {
                final LinearCombination x = bRow[rho], y = aCol[rho];
                LinearCombination prod = cs.witness("product[" + rho + "]", () -> cs.value(x).mul(cs.value(y)));
                cs.enforce("product[" + rho + "]", x, y, prod);
                acc = acc.add(prod);
            }
        }
        try (var tol = cs.scope("tolerance")) {
            final LinearCombination accFinal = acc;
            LinearCombination scaled = cs.witness("scaled", () -> cs.value(sQ).mul(cs.value(accFinal)));
            cs.enforce("scaled", sQ, acc, scaled);
            Fr shift = Fr.of(BigInteger.ONE.shiftLeft(2 * p.fractionalBits()));
            LinearCombination d = wEff.sub(wBase).scale(shift).sub(scaled);
            LinearCombination bound = tau.scale(shift);
            int nb = toleranceBits(s);
            Bits.rangeCheck(cs, "lower", d.add(bound), nb);
            Bits.rangeCheck(cs, "upper", bound.sub(d), nb);
        }
    }

    /** Bits that hold |D| + τ·2^(2f) with room to spare. */
    static int toleranceBits(LoraMergeShape s) {
        FixedPointParams p = s.params();
        int rankBits = 32 - Integer.numberOfLeadingZeros(s.rank());
        int product = 3 * (p.valueBits() - 1) + rankBits + 1;
        int weights = p.valueBits() + 2 * p.fractionalBits() + 1;
        int tau = TAU_BITS + 2 * p.fractionalBits() + 1;
        return Math.max(product, Math.max(weights, tau)) + 1;
    }

    private static long[] leafOf(long[] values, int rows, int cols, TensorLayout layout, FixedPointParams p, int leaf) {
        long[] out = new long[layout.leafSize(rows, cols, p)];
        layout.leafValues(values, rows, cols, p, leaf, out);
        return out;
    }

    /** s = q·d + rem with rem in [0, d): returns rem, fills its bits (little-endian, depth = bits.length). */
    private static LinearCombination reduce(ConstraintSystem cs, String name, LinearCombination s, int d,
            LinearCombination[] bits, Supplier<Integer> expected) {
        try (var sc = cs.scope(name)) {
            LinearCombination q = cs.witness("quotient", () -> Fr.of(new BigInteger(1, toBytes(cs.value(s))).divide(BigInteger.valueOf(d))));
            LinearCombination rem = cs.witness("remainder", () -> Fr.of(expected.get()));
            cs.enforce("division", q.scale(d).add(rem), cs.one(), s);
            Bits.rangeCheck(cs, "quotient.range", q, 64);
            if (bits.length == 0) {
                cs.enforce("remainder.zero", rem, cs.one(), LinearCombination.ZERO);
            } else {
                try (var r = cs.scope("remainder")) {
                    System.arraycopy(Bits.decompose(cs, rem, bits.length), 0, bits, 0, bits.length);
                }
                if (Integer.bitCount(d) != 1) {
                    Bits.rangeCheck(cs, "remainder.below", LinearCombination.constant(d - 1).sub(rem), bits.length);
                }
            }
            return rem;
        }
    }

    private static byte[] toBytes(Fr v) {
        return v.toBytes();
    }

    private static void rangeOrZero(ConstraintSystem cs, String name, LinearCombination x, int bits) {
        if (bits == 0) {
            cs.enforce(name, x, cs.one(), LinearCombination.ZERO);
        } else {
            Bits.rangeCheck(cs, name, x, bits);
        }
    }

    /**
     * Opens one leaf: its values (each a signed V-bit range check), the packed leaf hash and the
     * Merkle path to {@code root} along the position bits of its index.
     */
    private static LinearCombination[] openLeaf(ConstraintSystem cs, String name, int size, FixedPointParams p,
            LinearCombination root, LinearCombination index, int depth, LinearCombination[] indexBits,
            Supplier<long[]> values, Supplier<Fr[]> path) {
        try (var sc = cs.scope(name)) {
            LinearCombination[] v = new LinearCombination[size];
            long[][] cache = new long[1][];
            for (int k = 0; k < size; k++) {
                final int kk = k;
                v[k] = cs.witness("value[" + k + "]", () -> {
                    if (cache[0] == null) {
                        cache[0] = values.get();
                    }
                    return Fr.of(cache[0][kk]);
                });
                Bits.signedRangeCheck(cs, "value[" + k + "].range", v[k], p.valueBits());
            }
            int per = p.valuesPerElement();
            LinearCombination[] elements = new LinearCombination[p.packedElements(size)];
            for (int e = 0; e < elements.length; e++) {
                LinearCombination acc = LinearCombination.ZERO;
                for (int k = e * per; k < Math.min(size, (e + 1) * per); k++) {
                    Fr weight = Fr.of(BigInteger.ONE.shiftLeft(p.valueBits() * (k - e * per)));
                    acc = acc.add(v[k].add(p.offset()).scale(weight));
                }
                elements[e] = acc;
            }
            LinearCombination leafHash = PoseidonGadget.hash(cs, "leaf", elements);
            Fr[][] pathCache = new Fr[1][];
            LinearCombination[] siblings = new LinearCombination[depth];
            for (int d = 0; d < depth; d++) {
                final int dd = d;
                siblings[d] = cs.witness("sibling[" + d + "]", () -> {
                    if (pathCache[0] == null) {
                        pathCache[0] = path.get();
                    }
                    return pathCache[0][dd];
                });
            }
            LinearCombination computed = MerklePathGadget.root(cs, leafHash, indexBits, siblings);
            cs.enforce("root", computed, cs.one(), root);
            return v;
        }
    }

    /** Σ onehot_k·v_k: one product constraint per slot. */
    private static LinearCombination select(ConstraintSystem cs, String name, LinearCombination[] onehot,
            LinearCombination[] v) {
        if (onehot.length == 1) {
            return v[0];
        }
        try (var sc = cs.scope(name)) {
            LinearCombination sum = LinearCombination.ZERO;
            for (int k = 0; k < onehot.length; k++) {
                final LinearCombination o = onehot[k], x = v[k];
                LinearCombination prod = cs.witness("slot[" + k + "]", () -> cs.value(o).mul(cs.value(x)));
                cs.enforce("slot[" + k + "]", o, x, prod);
                sum = sum.add(prod);
            }
            return sum;
        }
    }
}
