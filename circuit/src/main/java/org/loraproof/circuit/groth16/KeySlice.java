package org.loraproof.circuit.groth16;

import java.util.Arrays;
import java.util.function.Consumer;
import org.loraproof.circuit.msm.PippengerMsm;

/**
 * The points of a proving key over a range of variables [from, to) and a range of the domain
 * [hFrom, hTo): A, B1, B2 for those variables, C for the private ones among them, H for those
 * domain positions (affine limbs, as in {@link ProvingKey}). The serial prover takes the whole key
 * as one slice; a Spark partition takes the slice its key chunk holds. Both compute their
 * {@link PartialSums} with {@link #sums}, the one MSM kernel of the prover.
 */
public final class KeySlice {
    final int from, to, hFrom, hTo, numPublic;
    /** a, b1, b2 hold variables from … to − 1; c holds cFrom() … to − 1; h holds hFrom … hTo − 1. */
    final long[] a, b1, b2, c, h;

    private KeySlice(int from, int to, int hFrom, int hTo, int numPublic, long[] a, long[] b1, long[] b2, long[] c,
            long[] h) {
        if (from < 0 || to < from || hFrom < 0 || hTo < hFrom) {
            throw new IllegalArgumentException("empty or reversed key slice");
        }
        int cCount = to - Math.max(from, Math.min(to, numPublic + 1));
        if (a.length != 8 * (to - from) || b1.length != 8 * (to - from) || b2.length != 16 * (to - from)
                || c.length != 8 * cCount || h.length != 8 * (hTo - hFrom)) {
            throw new IllegalArgumentException("key slice arrays do not match its ranges");
        }
        this.from = from;
        this.to = to;
        this.hFrom = hFrom;
        this.hTo = hTo;
        this.numPublic = numPublic;
        this.a = a;
        this.b1 = b1;
        this.b2 = b2;
        this.c = c;
        this.h = h;
    }

    /** The whole key as one slice (no copy). */
    public static KeySlice of(ProvingKey pk) {
        if (!pk.hasPoints()) {
            throw new IllegalArgumentException("the proving key was read without its points");
        }
        return new KeySlice(0, pk.numVariables, 0, pk.domainSize, pk.numPublic, pk.a, pk.b1, pk.b2, pk.c, pk.h);
    }

    /** A slice that owns arrays holding exactly its ranges. */
    public static KeySlice of(int from, int to, int hFrom, int hTo, int numPublic, long[] a, long[] b1, long[] b2,
            long[] c, long[] h) {
        return new KeySlice(from, to, hFrom, hTo, numPublic, a, b1, b2, c, h);
    }

    /** The first private variable of the slice (C's points start there). */
    public int cFrom() {
        return Math.max(from, Math.min(to, numPublic + 1));
    }

    public int from() {
        return from;
    }

    public int to() {
        return to;
    }

    public int hFrom() {
        return hFrom;
    }

    public int hTo() {
        return hTo;
    }

    /**
     * The five MSMs over the slice: {@code z} holds the standard-form witness values of variables
     * from … to − 1 (four limbs each), {@code p} the standard-form values of A·B − C on the coset
     * at domain positions hFrom … hTo − 1.
     */
    public PartialSums sums(long[] z, long[] p, Consumer<String> progress) {
        int n = to - from, hn = hTo - hFrom, cn = to - cFrom();
        if (z.length != 4 * n || p.length != 4 * hn) {
            throw new IllegalArgumentException("scalars do not match the key slice");
        }
        PippengerMsm g1 = PippengerMsm.g1();
        // A, B in G1 and B in G2 share the witness's digits
        PippengerMsm.Scalars digits = g1.prepare(z, 0, n);
        // the G1 MSMs first, then the G2 one: alternating curves would make the JIT recompile the shared code
        progress.accept("MSM 1/5: A in G1 (" + n + " points)");
        long[] sa = g1.msm(a, digits);
        progress.accept("MSM 2/5: B in G1");
        long[] sb1 = g1.msm(b1, digits);
        progress.accept("MSM 3/5: C in G1");
        long[] sc = g1.msm(c, Arrays.copyOfRange(z, 4 * (n - cn), 4 * n));
        progress.accept("MSM 4/5: H in G1 (" + hn + " points)");
        long[] sh = g1.msm(h, p);
        progress.accept("MSM 5/5: B in G2");
        long[] sb2 = PippengerMsm.g2().msm(b2, digits);
        return new PartialSums(sa, sb1, sb2, sc, sh);
    }
}
