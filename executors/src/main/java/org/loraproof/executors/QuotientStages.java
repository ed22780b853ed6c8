package org.loraproof.executors;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.loraproof.circuit.Workers;
import org.loraproof.circuit.bn254.MontgomeryField;
import org.loraproof.circuit.fft.FourStepCoset;
import org.loraproof.circuit.groth16.ZkeyFile;
import org.loraproof.circuit.r1cs.InvalidFileException;
import org.loraproof.circuit.r1cs.SectionedFile;
import org.loraproof.circuit.r1cs.WtnsFile;
import org.loraproof.storage.HadoopSource;

/**
 * The values of A·B − C on the odd coset (the H query's scalars), computed in parts, none of
 * which holds a whole vector. Four stages of {@code parts} parts each, an all-to-all exchange of
 * {@link Part}s after each:
 * <ol>
 * <li>{@link Evaluate}: a range of the key's coefficients times the witness values they name,
 * summed per constraint, each sum sent to the part that owns its column of the domain (the
 * {@link FourStepCoset} layout, a constraint j in column j mod L);</li>
 * <li>{@link #columns}: A·z and B·z of its columns, C·z = (A·z)(B·z), pass 1 on the three;</li>
 * <li>{@link #rows}: pass 2 on its rows;</li>
 * <li>{@link #coset}: pass 3 on its columns, then A·B − C in standard form, each value sent to
 * the key chunk whose H points it multiplies ({@link #slice} assembles a chunk's).</li>
 * </ol>
 * The same arithmetic as the serial quotient, so the values are equal; parts are cut with
 * {@link FourStepCoset#cut}; stages 3 and 4 and {@link #slice} check they received every value
 * they need (stage 2 sums what it gets: the witness's tasks check their evaluations' count).
 */
public final class QuotientStages {
    private static final MontgomeryField FR = MontgomeryField.FR;
    /** Elements a worker takes at a time in the element-wise loops. */
    private static final int CHUNK = 1 << 14;
    /** Witness values read through rather than starting another read: 16 KiB. */
    private static final int GAP = 512;

    private QuotientStages() {
    }

    /**
     * Values sent from part {@code from} of one stage to part {@code to} of the next: a block of up
     * to three vectors (Montgomery limbs; C absent after stage 1), or positions and their values.
     */
    public static final class Part implements Serializable {
        private static final long serialVersionUID = 1L;

        public final int to, from;
        /** Stage 1: constraint | matrix &lt;&lt; 31 of each sum; stage 4: the domain position of each value. */
        final int[] positions;
        final long[] a, b, c;

        Part(int to, int from, int[] positions, long[] a, long[] b, long[] c) {
            this.to = to;
            this.from = from;
            this.positions = positions;
            this.a = a;
            this.b = b;
            this.c = c;
        }

        /** The bytes of values this part carries. */
        public long bytes() {
            return 8L * ((a == null ? 0 : a.length) + (b == null ? 0 : b.length) + (c == null ? 0 : c.length))
                    + 4L * (positions == null ? 0 : positions.length);
        }
    }

    /** Stage 1, one part: coefficients [coeffFrom, coeffTo) of the key times the witness. */
    public static final class Evaluate implements Serializable {
        private static final long serialVersionUID = 1L;

        final int part, parts, logN;
        final String keyUri, witnessUri;
        final int coeffFrom, coeffTo;
        final String[] hadoop;

        public Evaluate(int part, int parts, int logN, String keyUri, String witnessUri, int coeffFrom, int coeffTo,
                Map<String, String> hadoop) {
            this.part = part;
            this.parts = parts;
            this.logN = logN;
            this.keyUri = keyUri;
            this.witnessUri = witnessUri;
            this.coeffFrom = coeffFrom;
            this.coeffTo = coeffTo;
            this.hadoop = HadoopSettings.flatten(hadoop);
        }

        /** The sums, one part for each part of stage 2 that owns some of their constraints. */
        public List<Part> run() throws IOException {
            Configuration conf = HadoopSettings.conf(hadoop);
            ZkeyFile.Coefficients co;
            int nVars;
            try (SectionedFile key = SectionedFile.open(HadoopSource.open(keyUri, conf), keyUri, "zkey")) {
                int[] counts = ZkeyFile.counts(key);
                if (counts[2] != 1 << logN) {
                    throw new InvalidFileException(keyUri + ": domain of " + counts[2] + ", expected 2^" + logN);
                }
                nVars = counts[0];
                co = ZkeyFile.readCoefficients(key, coeffFrom, coeffTo);
            }
            // the witness values these coefficients name, read as runs of the file (gaps under GAP values read through)
            int[] sorted = co.signal().clone();
            Arrays.parallelSort(sorted);
            IntList starts = new IntList(), ends = new IntList(), bases = new IntList();
            int taken = 0;
            for (int s : sorted) {
                if (ends.size > 0 && s < ends.last()) {
                    continue;
                }
                if (ends.size > 0 && s - ends.last() < GAP) {
                    taken += s + 1 - ends.last();
                    ends.set(ends.size - 1, s + 1);
                } else {
                    starts.add(s);
                    ends.add(s + 1);
                    bases.add(taken++);
                }
            }
            int[] runStart = starts.toArray(), runBase = bases.toArray();
            long[] z;
            try (SectionedFile w = SectionedFile.open(HadoopSource.open(witnessUri, conf), witnessUri, "wtns")) {
                if (WtnsFile.count(w) != nVars) {
                    throw new IllegalArgumentException(witnessUri + ": " + WtnsFile.count(w) + " witness values, but "
                            + keyUri + " is for " + nVars + " variables");
                }
                z = WtnsFile.readStandardRuns(w, runStart, ends.toArray());
            }
            for (int i = 0; i < z.length / 4; i++) {
                FR.toMontgomery(z, 4 * i, z, 4 * i);
            }
            // value × z per coefficient, in place of the values; then summed per (matrix, constraint)
            int[] matrix = co.matrix(), constraint = co.constraint(), signal = co.signal();
            long[] value = co.value(), zv = z;
            int count = co.count();
            Workers.parallelFor((count + CHUNK - 1) / CHUNK, ch -> {
                for (int k = ch * CHUNK; k < Math.min(count, (ch + 1) * CHUNK); k++) {
                    int run = Arrays.binarySearch(runStart, signal[k]);
                    run = run >= 0 ? run : -run - 2; // the run that starts at or before the signal
                    FR.mul(value, 4 * k, value, 4 * k, zv, 4 * (runBase[run] + signal[k] - runStart[run]));
                }
            });
            return route(part, parts, logN, count, k -> constraint[k] | matrix[k] << 31, value);
        }
    }

    /**
     * Stage 1 for evaluations computed elsewhere (the tasks that computed a witness): A·z and B·z of
     * consecutive constraints from {@code row}, eight limbs each (A's, then B's; Montgomery), sent
     * to the parts that own their columns. {@code part} only names the sender.
     */
    public static List<Part> evaluations(int part, int parts, int logN, int row, long[] evaluations) {
        return route(part, parts, logN, evaluations.length / 4, i -> (row + i / 2) | (i & 1) << 31, evaluations);
    }

    /**
     * Values (four limbs each) at keys constraint | matrix &lt;&lt; 31, equal consecutive keys
     * summed, in one part for each part of stage 2 that owns some of their constraints' columns.
     */
    private static List<Part> route(int part, int parts, int logN, int count, java.util.function.IntUnaryOperator keyOf,
            long[] values) {
        int columns = FourStepCoset.oddCoset(logN).columns(), mask = columns - 1;
        IntList[] keys = new IntList[parts];
        LongList[] sums = new LongList[parts];
        long[] t = new long[4];
        int lastKey = 0, lastDest = -1;
        for (int k = 0; k < count; k++) {
            System.arraycopy(values, 4 * k, t, 0, 4);
            int key = keyOf.applyAsInt(k);
            if (key == lastKey && lastDest >= 0) {
                LongList s = sums[lastDest];
                FR.add(s.data, s.size - 4, s.data, s.size - 4, t, 0);
                continue;
            }
            int dest = owner((key & Integer.MAX_VALUE) & mask, columns, parts);
            if (keys[dest] == null) {
                keys[dest] = new IntList();
                sums[dest] = new LongList();
            }
            keys[dest].add(key);
            sums[dest].add(t);
            lastKey = key;
            lastDest = dest;
        }
        List<Part> out = new ArrayList<>();
        for (int d = 0; d < parts; d++) {
            if (keys[d] != null) {
                out.add(new Part(d, part, keys[d].toArray(), sums[d].toArray(), null, null));
            }
        }
        return out;
    }

    /** Stage 2, part {@code part}: A·z, B·z and C·z on its columns, pass 1, rows sent to their owners. */
    public static List<Part> columns(int logN, int parts, int part, Iterator<Part> in) {
        FourStepCoset plan = FourStepCoset.oddCoset(logN);
        int l = plan.columns(), h = plan.rows(), logL = Integer.numberOfTrailingZeros(l);
        int[] c = FourStepCoset.cut(l, part, parts);
        long[] a = new long[4 * (c[1] - c[0]) * h], b = new long[a.length];
        while (in.hasNext()) {
            Part p = in.next();
            for (int i = 0; i < p.positions.length; i++) {
                int row = p.positions[i] & Integer.MAX_VALUE, jl = row & (l - 1);
                if (jl < c[0] || jl >= c[1]) {
                    throw new IllegalStateException("constraint " + row + " sent to the wrong part " + part);
                }
                long[] target = p.positions[i] < 0 ? b : a;
                int at = 4 * ((jl - c[0]) * h + (row >>> logL));
                FR.add(target, at, target, at, p.a, 4 * i);
            }
        }
        long[] cv = new long[a.length];
        int elements = a.length / 4;
        Workers.parallelFor((elements + CHUNK - 1) / CHUNK, ch -> {
            for (int i = ch * CHUNK; i < Math.min(elements, (ch + 1) * CHUNK); i++) {
                FR.mul(cv, 4 * i, a, 4 * i, b, 4 * i);
            }
        });
        for (long[] v : new long[][] {a, b, cv}) {
            plan.inverseColumns(v, c[0], c[1]);
        }
        List<Part> out = new ArrayList<>(parts);
        for (int q = 0; q < parts; q++) {
            int[] r = FourStepCoset.cut(h, q, parts);
            if (r[1] > r[0] && c[1] > c[0]) {
                out.add(new Part(q, part, null, transposed(a, c, r, h), transposed(b, c, r, h), transposed(cv, c, r, h)));
            }
        }
        return out;
    }

    /** Stage 3, part {@code part}: its rows gathered from every column part, pass 2, columns sent back. */
    public static List<Part> rows(int logN, int parts, int part, Iterator<Part> in) {
        FourStepCoset plan = FourStepCoset.oddCoset(logN);
        int l = plan.columns(), h = plan.rows();
        int[] r = FourStepCoset.cut(h, part, parts);
        long[][] v = gather(in, parts, r, l);
        for (long[] x : v) {
            plan.middleRows(x, r[0], r[1]);
        }
        List<Part> out = new ArrayList<>(parts);
        for (int q = 0; q < parts; q++) {
            int[] c = FourStepCoset.cut(l, q, parts);
            if (c[1] > c[0] && r[1] > r[0]) {
                out.add(new Part(q, part, null, transposed(v[0], r, c, l), transposed(v[1], r, c, l),
                        transposed(v[2], r, c, l)));
            }
        }
        return out;
    }

    /**
     * Stage 4, part {@code part}: its columns gathered, pass 3, A·B − C in standard form, each value
     * sent to the MSM task k with hFrom[k] ≤ position &lt; hTo[k] (in order, covering the domain; a
     * task without H has an empty range).
     */
    public static List<Part> coset(int logN, int parts, int part, Iterator<Part> in, int[] hFrom, int[] hTo) {
        FourStepCoset plan = FourStepCoset.oddCoset(logN);
        int l = plan.columns(), h = plan.rows();
        int[] c = FourStepCoset.cut(l, part, parts);
        long[][] v = gather(in, parts, c, h);
        for (long[] x : v) {
            plan.forwardColumns(x, c[0], c[1]);
        }
        int width = c[1] - c[0];
        long[] a = v[0], b = v[1], cv = v[2];
        int elements = a.length / 4;
        Workers.parallelFor((elements + CHUNK - 1) / CHUNK, ch -> {
            for (int i = ch * CHUNK; i < Math.min(elements, (ch + 1) * CHUNK); i++) {
                FR.mul(a, 4 * i, a, 4 * i, b, 4 * i);
                FR.sub(a, 4 * i, a, 4 * i, cv, 4 * i);
                FR.fromMontgomery(a, 4 * i, a, 4 * i);
            }
        });
        // positions ml + L·mh in ascending order: mh outer, ml inner
        IntList[] positions = new IntList[hFrom.length];
        LongList[] values = new LongList[hFrom.length];
        long[] t = new long[4];
        int chunk = 0;
        for (int mh = 0; mh < h && width > 0; mh++) {
            for (int ml = c[0]; ml < c[1]; ml++) {
                int m = ml + l * mh, at = 4 * ((ml - c[0]) * h + mh);
                while (chunk < hFrom.length && m >= hTo[chunk]) {
                    chunk++;
                }
                if (chunk == hFrom.length || m < hFrom[chunk]) {
                    throw new IllegalArgumentException("the key's chunks do not cover domain position " + m);
                }
                if (positions[chunk] == null) {
                    positions[chunk] = new IntList();
                    values[chunk] = new LongList();
                }
                System.arraycopy(a, at, t, 0, 4);
                positions[chunk].add(m);
                values[chunk].add(t);
            }
        }
        List<Part> out = new ArrayList<>();
        for (int k = 0; k < hFrom.length; k++) {
            if (positions[k] != null) {
                out.add(new Part(k, part, positions[k].toArray(), values[k].toArray(), null, null));
            }
        }
        return out;
    }

    /** A chunk's values of A·B − C at [hFrom, hTo), standard form, from the parts stage 4 sent it. */
    public static long[] slice(int hFrom, int hTo, Iterator<Part> in) {
        long[] q = new long[4 * (hTo - hFrom)];
        long got = 0;
        while (in.hasNext()) {
            Part p = in.next();
            for (int i = 0; i < p.positions.length; i++) {
                int m = p.positions[i];
                if (m < hFrom || m >= hTo) {
                    throw new IllegalStateException("domain position " + m + " sent to the chunk of " + hFrom + "–" + hTo);
                }
                System.arraycopy(p.a, 4 * i, q, 4 * (m - hFrom), 4);
            }
            got += p.positions.length;
        }
        if (got != hTo - hFrom) {
            throw new IllegalStateException("the chunk of " + hFrom + "–" + hTo + " received " + got + " values");
        }
        return q;
    }

    /** The part of [0, size) cut in {@code parts} that holds x. */
    static int owner(int x, int size, int parts) {
        int p = (int) ((long) x * parts / size);
        while (FourStepCoset.cut(size, p, parts)[1] <= x) {
            p++;
        }
        while (FourStepCoset.cut(size, p, parts)[0] > x) {
            p--;
        }
        return p;
    }

    /**
     * From a block of lines [own[0], own[1]) of {@code length} values each, the values at indices
     * [other[0], other[1]) of each line, as lines of the other direction: out[(i − other[0])·own + line].
     */
    private static long[] transposed(long[] block, int[] own, int[] other, int length) {
        int lines = own[1] - own[0], width = other[1] - other[0];
        long[] out = new long[4 * lines * width];
        for (int line = 0; line < lines; line++) {
            for (int i = 0; i < width; i++) {
                System.arraycopy(block, 4 * (line * length + other[0] + i), out, 4 * (i * lines + line), 4);
            }
        }
        return out;
    }

    /**
     * A block of lines [own[0], own[1]) of {@code length} values each, gathered from the parts every
     * part p of the other direction sent (its lines [cut(length, p)) at our indices).
     */
    private static long[][] gather(Iterator<Part> in, int parts, int[] own, int length) {
        int lines = own[1] - own[0];
        long[][] v = {new long[4 * lines * length], new long[4 * lines * length], new long[4 * lines * length]};
        long got = 0;
        while (in.hasNext()) {
            Part p = in.next();
            int[] o = FourStepCoset.cut(length, p.from, parts);
            int width = o[1] - o[0];
            if ((long) width * lines * 4 != p.a.length) {
                throw new IllegalStateException("a part of " + p.a.length / 4 + " values from part " + p.from);
            }
            long[][] src = {p.a, p.b, p.c};
            for (int k = 0; k < 3; k++) {
                for (int line = 0; line < lines; line++) {
                    System.arraycopy(src[k], 4 * line * width, v[k], 4 * (line * length + o[0]), 4 * width);
                }
            }
            got += (long) width * lines;
        }
        if (got != (long) lines * length) {
            throw new IllegalStateException("received " + got + " of " + (long) lines * length + " values");
        }
        return v;
    }

    /** A growing int array. */
    private static final class IntList {
        int[] data = new int[16];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, 2 * size);
            }
            data[size++] = v;
        }

        int last() {
            return data[size - 1];
        }

        void set(int i, int v) {
            data[i] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    /** A growing array of field elements (four limbs each); size counts limbs. */
    private static final class LongList {
        long[] data = new long[64];
        int size;

        void add(long[] v) {
            if (size + 4 > data.length) {
                data = Arrays.copyOf(data, 2 * data.length);
            }
            System.arraycopy(v, 0, data, size, 4);
            size += 4;
        }

        long[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
