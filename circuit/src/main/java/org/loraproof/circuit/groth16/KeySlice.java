package org.loraproof.circuit.groth16;

import java.util.Arrays;
import java.util.function.Consumer;
import org.loraproof.circuit.msm.PippengerMsm;

/**
 * The points of a proving key over one range of each of its five sections: A, B1, B2 and C over
 * ranges of variables (C's among the private ones), H over a range of the domain (affine limbs,
 * as in {@link ProvingKey}). The serial prover takes the whole key as one slice; a Spark partition
 * takes the slice it was given: its key chunk's variables and domain positions, or a stretch of
 * the sections laid end to end ({@link #balanced}). Both compute their {@link PartialSums} with
 * {@link #sums}, the one MSM kernel of the prover.
 */
public final class KeySlice {
    /** The sections, in the order of the key file and of a slice's ranges. */
    public static final int A = 0, B1 = 1, B2 = 2, C = 3, H = 4, SECTIONS = 5;
    /** What errors call the sections. */
    public static final String[] NAMES = {"A", "B1", "B2", "C", "H"};
    /**
     * What a point costs in an MSM of 2^16, 2^17, … 2^22 points (ns, Pippenger's method on two
     * cores of the machine the benchmarks ran on), in G1 and in G2: the cost per point falls with the
     * MSM's size until its buckets outgrow the caches. Only the ratios matter, for cutting a key
     * into stretches of equal cost.
     */
    private static final double[] G1_COST = {1730, 1560, 1520, 1390, 1270, 1360, 1300},
            G2_COST = {4210, 3960, 3660, 3430, 3200, 3550, 3510};

    /** The cost per point of an MSM of n points on this table (log-interpolated, clamped at its ends). */
    static double costPerPoint(double[] table, double n) {
        double x = Math.log(Math.max(1, n)) / Math.log(2) - 16;
        if (x <= 0) {
            return table[0];
        }
        if (x >= table.length - 1) {
            return table[table.length - 1];
        }
        int i = (int) x;
        return table[i] + (x - i) * (table[i + 1] - table[i]);
    }

    /**
     * What a point of B2 (in G2) weighs against one in G1 when a key of these counts is cut into
     * this many stretches: the G2 cost per point at the size of a stretch of B2 over the G1 cost at
     * the size of a stretch of G1 points (a fixed point: the stretches' sizes depend on the weight).
     */
    static double g2Weight(int numVariables, int numPublic, int domainSize, int parts) {
        double g1Points = 3.0 * numVariables - numPublic - 1 + domainSize, w = 2.5;
        for (int i = 0; i < 8; i++) {
            double share = (g1Points + w * numVariables) / parts; // G1 points a stretch holds
            w = costPerPoint(G2_COST, share / w) / costPerPoint(G1_COST, share);
        }
        return w;
    }

    final int numPublic;
    /** {from, to} of each section: variables for A, B1, B2 and C, domain positions for H. */
    final int[][] ranges;
    /** Each section's points over its range. */
    final long[] a, b1, b2, c, h;

    private KeySlice(int[][] ranges, int numPublic, long[] a, long[] b1, long[] b2, long[] c, long[] h) {
        if (ranges.length != SECTIONS) {
            throw new IllegalArgumentException("a key slice has five ranges");
        }
        int[] width = {8, 8, 16, 8, 8};
        long[][] points = {a, b1, b2, c, h};
        for (int s = 0; s < SECTIONS; s++) {
            if (ranges[s][0] < 0 || ranges[s][1] < ranges[s][0]) {
                throw new IllegalArgumentException("reversed range of " + NAMES[s] + " in a key slice");
            }
            if (points[s].length != (long) width[s] * count(ranges[s])) {
                throw new IllegalArgumentException("key slice arrays do not match its ranges");
            }
        }
        if (count(ranges[C]) > 0 && ranges[C][0] <= numPublic) {
            throw new IllegalArgumentException("C has no points for the public variables");
        }
        this.ranges = copy(ranges);
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
        return new KeySlice(chunk(pk.numVariables, pk.numPublic, 0, pk.numVariables, 0, pk.domainSize), pk.numPublic,
                pk.a, pk.b1, pk.b2, pk.c, pk.h);
    }

    /** A slice that owns arrays holding exactly its ranges ({@link #chunk} or {@link #balanced} ones). */
    public static KeySlice of(int[][] ranges, int numPublic, long[] a, long[] b1, long[] b2, long[] c, long[] h) {
        return new KeySlice(ranges, numPublic, a, b1, b2, c, h);
    }

    /**
     * The ranges of a key chunk: variables [from, to) for A, B1, B2 and (its private ones) C,
     * domain positions [hFrom, hTo) for H.
     */
    public static int[][] chunk(int numVariables, int numPublic, int from, int to, int hFrom, int hTo) {
        if (from < 0 || to > numVariables || from > to || hFrom < 0 || hTo < hFrom) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") × [" + hFrom + ", " + hTo
                    + ") outside a key of " + numVariables + " variables");
        }
        int cFrom = Math.max(from, Math.min(to, numPublic + 1));
        return new int[][] {{from, to}, {from, to}, {from, to}, {cFrom, to}, {hFrom, hTo}};
    }

    /**
     * The key's five sections laid end to end (A, B1, B2, C, H; a point of B2 weighing
     * {@link #g2Weight} against one in G1) and cut into {@code parts} stretches of equal weight:
     * the ranges of each part. A part has one or two sections, rarely more, so its MSMs are few
     * and large; the H ranges ascend with the parts and cover the domain.
     */
    public static int[][][] balanced(int numVariables, int numPublic, int domainSize, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("a key is cut into at least one part, got " + parts);
        }
        int[][] all = chunk(numVariables, numPublic, 0, numVariables, 0, domainSize);
        double[] weight = {1, 1, g2Weight(numVariables, numPublic, domainSize, parts), 1, 1};
        double total = 0;
        for (int s = 0; s < SECTIONS; s++) {
            total += weight[s] * count(all[s]);
        }
        int[][][] out = new int[parts][SECTIONS][2];
        double before = 0; // the weight of the sections before s
        for (int s = 0; s < SECTIONS; s++) {
            int n = count(all[s]);
            for (int k = 0; k < parts; k++) {
                // part k holds the points whose weight so far lies in [total·k/parts, total·(k+1)/parts)
                out[k][s][0] = all[s][0] + at(total * k / parts - before, weight[s], n);
                out[k][s][1] = all[s][0] + at(total * (k + 1) / parts - before, weight[s], n);
            }
            before += weight[s] * n;
        }
        return out;
    }

    /** How many of a section's n points, each of this weight, lie before weight w along it (rounded). */
    private static int at(double w, double weight, int n) {
        return (int) Math.max(0, Math.min(n, Math.round(w / weight)));
    }

    /** {from, to} of section s. */
    public int[] range(int s) {
        return ranges[s].clone();
    }

    public int hFrom() {
        return ranges[H][0];
    }

    public int hTo() {
        return ranges[H][1];
    }

    static int count(int[] range) {
        return range[1] - range[0];
    }

    /** A deep copy of a slice's ranges. */
    public static int[][] copy(int[][] ranges) {
        int[][] out = new int[ranges.length][];
        for (int s = 0; s < ranges.length; s++) {
            out[s] = ranges[s].clone();
        }
        return out;
    }

    /**
     * The five MSMs over a chunk's slice (A, B1, B2 over one range of variables): {@code z} holds
     * the standard-form witness values of those variables (four limbs each), {@code p} the
     * standard-form values of A·B − C on the coset at the slice's domain positions.
     */
    public PartialSums sums(long[] z, long[] p, Consumer<String> progress) {
        int from = ranges[A][0];
        if (!Arrays.equals(ranges[A], ranges[B1]) || !Arrays.equals(ranges[A], ranges[B2])
                || ranges[C][1] != ranges[A][1] || z.length != 4L * count(ranges[A])) {
            throw new IllegalArgumentException("scalars do not match the key slice");
        }
        long[] c = Arrays.copyOfRange(z, 4 * (ranges[C][0] - from), 4 * (ranges[C][1] - from));
        return sums(new long[][] {z, z, z, c}, p, progress);
    }

    /**
     * The five MSMs over the slice: {@code z[s]} holds the standard-form witness values of the
     * variables of section s's range (A, B1, B2, C; sections given the same array share its
     * digits), {@code p} the standard-form values of A·B − C on the coset at H's range.
     */
    public PartialSums sums(long[][] z, long[] p, Consumer<String> progress) {
        if (z.length != 4 || p.length != 4L * count(ranges[H])) {
            throw new IllegalArgumentException("scalars do not match the key slice");
        }
        for (int s = A; s <= C; s++) {
            if (z[s].length != 4L * count(ranges[s])) {
                throw new IllegalArgumentException("scalars of " + NAMES[s] + " do not match the key slice");
            }
        }
        PippengerMsm g1 = PippengerMsm.g1();
        // A, B in G1 and B in G2 share the witness's digits when they share its values
        PippengerMsm.Scalars da = g1.prepare(z[A], 0, count(ranges[A]));
        PippengerMsm.Scalars db1 = z[B1] == z[A] ? da : g1.prepare(z[B1], 0, count(ranges[B1]));
        PippengerMsm.Scalars db2 = z[B2] == z[A] ? da : z[B2] == z[B1] ? db1 : g1.prepare(z[B2], 0, count(ranges[B2]));
        // the G1 MSMs first, then the G2 one: alternating curves would make the JIT recompile the shared code
        progress.accept("MSM 1/5: A in G1 (" + count(ranges[A]) + " points)");
        long[] sa = g1.msm(a, da);
        progress.accept("MSM 2/5: B in G1");
        long[] sb1 = g1.msm(b1, db1);
        progress.accept("MSM 3/5: C in G1");
        long[] sc = g1.msm(c, z[C]);
        progress.accept("MSM 4/5: H in G1 (" + count(ranges[H]) + " points)");
        long[] sh = g1.msm(h, p);
        progress.accept("MSM 5/5: B in G2");
        long[] sb2 = PippengerMsm.g2().msm(b2, db2);
        return new PartialSums(sa, sb1, sb2, sc, sh);
    }
}
