package org.loraproof.executors;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.LoraMergeCircuit;
import org.loraproof.circuit.lora.LoraMergeShape;
import org.loraproof.circuit.lora.SamplePositions;
import org.loraproof.circuit.lora.TensorLayout;

/**
 * What a lora-merge proof reads of the prover for some of its samples: the commitments, roots,
 * blinds, nonce, s_q and τ, and per sample the leaves it opens with their Merkle paths. The
 * adapter's leaves (a row of B, a column of A: small) are given; base and merged are read from the
 * stored trees by {@link #openMatrices}. The serial prover's data is every sample's.
 */
public final class SampleOpenings implements LoraMergeCircuit.Data, Serializable {
    private static final long serialVersionUID = 1L;

    final int dOut, dIn, rank, samples, f, v, l;
    /** Four elements each, Montgomery limbs. */
    final long[] commitments, roots, blinds;
    final long[] nonce;
    final long sQ, tau;
    /** Opened leaves: tensor, index, values and path (Montgomery limbs, bottom first). */
    int[] tensors = new int[0], indices = new int[0];
    long[][] values = new long[0][], paths = new long[0][];
    private transient Map<Long, Integer> lookup;

    public SampleOpenings(LoraMergeShape s, Fr[] commitments, Fr[] roots, Fr[] blinds, Fr nonce, long sQ, long tau) {
        this.dOut = s.dOut();
        this.dIn = s.dIn();
        this.rank = s.rank();
        this.samples = s.samples();
        this.f = s.params().fractionalBits();
        this.v = s.params().valueBits();
        this.l = s.params().leafSize();
        this.commitments = limbs(commitments);
        this.roots = limbs(roots);
        this.blinds = limbs(blinds);
        this.nonce = limbs(new Fr[] {nonce});
        this.sQ = sQ;
        this.tau = tau;
    }

    private SampleOpenings(SampleOpenings o) {
        this.dOut = o.dOut;
        this.dIn = o.dIn;
        this.rank = o.rank;
        this.samples = o.samples;
        this.f = o.f;
        this.v = o.v;
        this.l = o.l;
        this.commitments = o.commitments;
        this.roots = o.roots;
        this.blinds = new long[o.blinds.length]; // a batch's samples read no blind
        this.nonce = o.nonce;
        this.sQ = o.sQ;
        this.tau = o.tau;
    }

    /** The same common values but the blinds, no leaf opened yet (a batch's data before its samples' openings). */
    public SampleOpenings copyWithoutLeaves() {
        return new SampleOpenings(this);
    }

    private static long[] limbs(Fr[] x) {
        long[] out = new long[4 * x.length];
        for (int i = 0; i < x.length; i++) {
            x[i].writeLimbs(out, 4 * i);
        }
        return out;
    }

    public LoraMergeShape shape() {
        return new LoraMergeShape(dOut, dIn, rank, samples, new FixedPointParams(f, v, l));
    }

    /** {i, j} of sample t. */
    public int[] position(int t) {
        return SamplePositions.position(seed(), t, dOut, dIn);
    }

    /** The leaf of W that sample t opens. */
    public int matrixLeaf(int t) {
        int[] pos = position(t);
        return pos[0] * TensorLayout.leavesPerRow(dIn, new FixedPointParams(f, v, l)) + pos[1] / l;
    }

    /** Adds an opened leaf (a second of the same leaf is ignored). */
    public void put(int tensor, int index, long[] leafValues, Fr[] path) {
        if (find(tensor, index) >= 0) {
            return;
        }
        int n = tensors.length;
        tensors = Arrays.copyOf(tensors, n + 1);
        indices = Arrays.copyOf(indices, n + 1);
        values = Arrays.copyOf(values, n + 1);
        paths = Arrays.copyOf(paths, n + 1);
        tensors[n] = tensor;
        indices[n] = index;
        values[n] = leafValues;
        paths[n] = limbs(path);
        lookup = null;
    }

    /**
     * Reads the leaves of base and merged that samples [from, to) open from their stored trees;
     * returns the bytes read from the model and node files.
     */
    public long openMatrices(StoredTree base, StoredTree eff, int from, int to, Configuration conf) throws IOException {
        long bytes = 0;
        StoredTree[] trees = {base, eff};
        for (int k = 0; k < 2; k++) {
            try (StoredTree.Reader r = trees[k].reader(conf)) {
                for (int t = from; t < to; t++) {
                    int leaf = matrixLeaf(t);
                    if (find(k, leaf) < 0) {
                        StoredTree.Opening o = r.open(leaf);
                        put(k, leaf, o.values(), o.path());
                    }
                }
                bytes += r.bytesRead();
            }
        }
        return bytes;
    }

    private int find(int tensor, int index) {
        if (lookup == null) {
            lookup = new HashMap<>();
            for (int i = 0; i < tensors.length; i++) {
                lookup.put((long) tensors[i] << 32 | indices[i], i);
            }
        }
        Integer i = lookup.get((long) tensor << 32 | index);
        return i == null ? -1 : i;
    }

    private int opened(int tensor, int index) {
        int i = find(tensor, index);
        if (i < 0) {
            throw new IllegalStateException("leaf " + index + " of tensor " + tensor + " was not opened");
        }
        return i;
    }

    @Override
    public Fr commitment(int tensor) {
        return Fr.fromLimbs(commitments, 4 * tensor);
    }

    @Override
    public Fr root(int tensor) {
        return Fr.fromLimbs(roots, 4 * tensor);
    }

    @Override
    public Fr blind(int tensor) {
        return Fr.fromLimbs(blinds, 4 * tensor);
    }

    @Override
    public Fr nonce() {
        return Fr.fromLimbs(nonce, 0);
    }

    @Override
    public long sQ() {
        return sQ;
    }

    @Override
    public long tau() {
        return tau;
    }

    @Override
    public long[] leaf(int tensor, int index) {
        return values[opened(tensor, index)];
    }

    @Override
    public Fr[] path(int tensor, int index) {
        long[] p = paths[opened(tensor, index)];
        Fr[] out = new Fr[p.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = Fr.fromLimbs(p, 4 * i);
        }
        return out;
    }
}
