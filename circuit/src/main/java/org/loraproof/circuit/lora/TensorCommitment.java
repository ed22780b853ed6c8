package org.loraproof.circuit.lora;

import java.math.BigInteger;
import org.loraproof.circuit.Workers;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.MontgomeryField;
import org.loraproof.circuit.bn254.Simd;
import org.loraproof.circuit.merkle.MerkleTree;
import org.loraproof.circuit.poseidon.Poseidon;
import org.loraproof.circuit.poseidon.PoseidonLanes;

/**
 * C = Poseidon(root, blind, tag) over the Poseidon Merkle tree of a tensor's leaves. A leaf hash
 * is Poseidon over the leaf's values offset by 2^(V−1) and packed ⌊253/V⌋ to a field element; the
 * tag packs shape, layout, f, V and L. The blind is private opening data (0 for a public model).
 *
 * @param tree the Merkle tree (for openings)
 * @param blind the blinding value
 * @param tag the shape and parameter tag
 * @param commitment the public C
 */
public record TensorCommitment(MerkleTree tree, Fr blind, Fr tag, Fr commitment) {

    public Fr root() {
        return tree.root();
    }

    /** Commits to a row-major tensor. */
    public static TensorCommitment commit(long[] values, int rows, int cols, TensorLayout layout, FixedPointParams p,
            Fr blind) {
        long leaves = layout.leafCount(rows, cols, p);
        if (leaves > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("tensor too large to commit on one machine");
        }
        int n = (int) leaves;
        long[] hashes = new long[4 * n];
        hashLeaves(values, rows, cols, layout, p, 0, n, hashes, 0);
        MerkleTree tree = MerkleTree.build(hashes, n);
        Fr tag = tag(layout, rows, cols, p);
        return new TensorCommitment(tree, blind, tag, commitment(tree.root(), blind, tag));
    }

    /**
     * The hashes of leaves [from, to) of a row-major tensor (Montgomery limbs into {@code out} from
     * {@code outOff}). {@code values} may hold only some rows of a matrix: leaf indices then count
     * from its first row. In parallel on this JVM's cores.
     */
    public static void hashLeaves(long[] values, int rows, int cols, TensorLayout layout, FixedPointParams p, int from,
            int to, long[] out, int outOff) {
        int size = layout.leafSize(rows, cols, p);
        int chunk = 256;
        int elements = p.packedElements(size);
        int n = to - from;
        Workers.parallelFor((n + chunk - 1) / chunk, c -> {
            long[] leaf = new long[size];
            int lo = from + c * chunk, hi = Math.min(to, lo + chunk);
            if (Simd.ENABLED) {
                // pack the chunk's leaves side by side, then hash them eight at a time
                long[] packed = new long[4 * elements * (hi - lo)], one = new long[4 * 16];
                for (int i = lo; i < hi; i++) {
                    layout.leafValues(values, rows, cols, p, i, leaf);
                    pack(leaf, size, p, one);
                    System.arraycopy(one, 0, packed, 4 * elements * (i - lo), 4 * elements);
                }
                new PoseidonLanes(elements).hashAll(packed, 0, hi - lo, out, outOff + 4 * (lo - from));
                return;
            }
            long[] packed = new long[4 * 16];
            Poseidon h = new Poseidon(elements);
            for (int i = lo; i < hi; i++) {
                layout.leafValues(values, rows, cols, p, i, leaf);
                pack(leaf, size, p, packed);
                h.hash(packed, 0, out, outOff + 4 * (i - from));
            }
        });
    }

    public static Fr commitment(Fr root, Fr blind, Fr tag) {
        return Poseidon.hash(root, blind, tag);
    }

    /** The hash of one leaf of values (the native twin of the in-circuit leaf hash). */
    public static Fr leafHash(long[] leaf, int size, FixedPointParams p) {
        long[] packed = new long[4 * 16];
        pack(leaf, size, p, packed);
        Poseidon h = new Poseidon(p.packedElements(size));
        long[] out = new long[4];
        h.hash(packed, 0, out, 0);
        return Fr.fromLimbs(out, 0);
    }

    /**
     * Packs offset values into Montgomery limbs, ⌊253/V⌋ per element, least significant first: value k
     * of an element occupies bits [V·k, V·k + V) of its standard form. Values outside the V-bit range
     * (which the circuit rejects) are packed as the same linear sum, through BigInteger.
     */
    static void pack(long[] leaf, int size, FixedPointParams p, long[] out) {
        int per = p.valuesPerElement(), v = p.valueBits();
        long offset = p.offset();
        for (int e = 0; e < p.packedElements(size); e++) {
            long l0 = 0, l1 = 0, l2 = 0, l3 = 0;
            boolean inRange = true;
            for (int k = e * per; k < Math.min(size, (e + 1) * per); k++) {
                long u = leaf[k] + offset;
                if (u < 0 || u >= 1L << v) {
                    inRange = false;
                    break;
                }
                int bit = v * (k - e * per), limb = bit >>> 6, shift = bit & 63;
                long lo = u << shift, hi = shift == 0 ? 0 : u >>> (64 - shift);
                switch (limb) {
                    case 0 -> { l0 |= lo; l1 |= hi; }
                    case 1 -> { l1 |= lo; l2 |= hi; }
                    case 2 -> { l2 |= lo; l3 |= hi; }
                    default -> l3 |= lo;
                }
            }
            if (!inRange) {
                BigInteger acc = BigInteger.ZERO;
                for (int k = Math.min(size, (e + 1) * per) - 1; k >= e * per; k--) {
                    acc = acc.shiftLeft(v).add(BigInteger.valueOf(leaf[k] + offset));
                }
                System.arraycopy(MontgomeryField.FR.fromBigInteger(acc), 0, out, 4 * e, 4);
                continue;
            }
            out[4 * e] = l0;
            out[4 * e + 1] = l1;
            out[4 * e + 2] = l2;
            out[4 * e + 3] = l3;
            MontgomeryField.FR.toMontgomery(out, 4 * e, out, 4 * e);
        }
    }

    /** d_out, d_in, layout, f, V and L packed into one field element. */
    public static Fr tag(TensorLayout layout, int rows, int cols, FixedPointParams p) {
        BigInteger t = BigInteger.valueOf(rows)
                .or(BigInteger.valueOf(cols).shiftLeft(32))
                .or(BigInteger.valueOf(layout.id()).shiftLeft(64))
                .or(BigInteger.valueOf(p.fractionalBits()).shiftLeft(72))
                .or(BigInteger.valueOf(p.valueBits()).shiftLeft(80))
                .or(BigInteger.valueOf(p.leafSize()).shiftLeft(88));
        return Fr.of(t);
    }
}
