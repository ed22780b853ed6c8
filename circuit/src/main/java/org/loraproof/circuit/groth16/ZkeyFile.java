package org.loraproof.circuit.groth16;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.loraproof.circuit.Workers;
import org.loraproof.circuit.bn254.Bn254;
import org.loraproof.circuit.bn254.G1Point;
import org.loraproof.circuit.bn254.G2Point;
import org.loraproof.circuit.bn254.MontgomeryField;
import org.loraproof.circuit.r1cs.ArrayOutput;
import org.loraproof.circuit.r1cs.BinaryReader;
import org.loraproof.circuit.r1cs.BinaryWriter;
import org.loraproof.circuit.r1cs.InvalidFileException;
import org.loraproof.circuit.r1cs.SectionedFile;

/**
 * snarkjs's Groth16 {@code .zkey} format: sections 1 (protocol), 2 (Groth16 header with α, β,
 * γ, δ), 3 (IC), 4 (A and B coefficients), 5 (A), 6 (B in G1), 7 (B in G2), 8 (C), 9 (H) and 10
 * (ceremony contributions, kept as bytes). Base-field coordinates are little-endian in
 * ffjavascript's Montgomery form (R = 2^256), coefficients are stored as c·2^512 mod r; infinity
 * is all zeros.
 */
public final class ZkeyFile {
    private static final MontgomeryField FP = MontgomeryField.FP;
    private static final MontgomeryField FR = MontgomeryField.FR;
    private static final int GROTH16 = 1;
    /** Raw factors between ffjavascript's Montgomery form (2^256) and ours (2^260). */
    private static final long[] FP_IN = MontgomeryField.limbsOf(BigInteger.TWO.pow(264).mod(Bn254.P));
    private static final long[] FP_OUT = MontgomeryField.limbsOf(BigInteger.TWO.pow(256).mod(Bn254.P));
    private static final long[] FR_IN = MontgomeryField.limbsOf(BigInteger.valueOf(256));
    private static final long[] FR_OUT = MontgomeryField.limbsOf(BigInteger.TWO.pow(512).mod(Bn254.R));

    private ZkeyFile() {
    }

    /** Reads a key file, its large sections in parallel chunks straight into the key's arrays. */
    public static ProvingKey read(Path path) throws IOException {
        try (SectionedFile file = SectionedFile.open(path, "zkey")) {
            return read(file);
        }
    }

    /** Reads a key that a {@link SectionedFile.Source} reads (a storage URI), in parallel chunks as a file. */
    public static ProvingKey read(SectionedFile.Source source, String name) throws IOException {
        try (SectionedFile file = SectionedFile.open(source, name, "zkey")) {
            return read(file);
        }
    }

    public static ProvingKey read(byte[] bytes, String name) {
        try {
            return read(SectionedFile.of(bytes, name, "zkey"));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // arrays do no I/O
        }
    }

    /**
     * The key without its A, B, C and H points ({@link ProvingKey#hasPoints()} false): what the
     * driver of a distributed proof needs, read from the small sections and the coefficients.
     */
    public static ProvingKey readHeader(SectionedFile file) throws IOException {
        return read(file, false, true);
    }

    /**
     * The key's header and small sections only, without its coefficients or points: what a prover
     * needs that has A·z and B·z from elsewhere (the tasks that computed the witness) and folds
     * partial sums. Its coefficient arrays are empty.
     */
    public static ProvingKey readFrame(SectionedFile file) throws IOException {
        return read(file, false, false);
    }

    private static ProvingKey read(SectionedFile file) throws IOException {
        return read(file, true, true);
    }

    /** The counts a key's header gives: {variables, public, domain size}. */
    public static int[] counts(SectionedFile file) throws IOException {
        String name = file.name();
        if (file.version() != 1) {
            throw new InvalidFileException(name + ": unsupported .zkey version " + file.version());
        }
        BinaryReader in = file.reader(2);
        in.u32("n8q");
        in.bytes(32, "q");
        in.u32("n8r");
        in.bytes(32, "r");
        return new int[] {in.u32("variable count"), in.u32("public count"), in.u32("domain size")};
    }

    /**
     * Coefficients [from, to) of the key's list (A's and B's entries): matrix (0 for A, 1 for B),
     * constraint, signal, and the value as Montgomery limbs (ours), four per entry. {@code from}
     * is the index of the first.
     */
    public record Coefficients(int from, int[] matrix, int[] constraint, int[] signal, long[] value) {
        public int count() {
            return matrix.length;
        }
    }

    /** The number of coefficients in the key's list (section 4), checked against the section's size. */
    public static int coefficientCount(SectionedFile file) throws IOException {
        long[] cs = file.section(4);
        int n = new BinaryReader(file.readBytes(cs[0], 4, "coefficient count"), file.name()).u32("coefficient count");
        if (n < 0 || 4 + 44L * n != cs[1]) {
            throw new InvalidFileException(file.name() + ": coefficient section size does not match its count");
        }
        return n;
    }

    /** Coefficients [from, to), read by range and checked (an executor's share of the quotient). */
    public static Coefficients readCoefficients(SectionedFile file, int from, int to) throws IOException {
        int[] counts = counts(file);
        return readCoefficients(file, from, to, counts[0], counts[2]);
    }

    private static Coefficients readCoefficients(SectionedFile file, int from, int to, int nVars, int domain)
            throws IOException {
        String name = file.name();
        int total = coefficientCount(file);
        if (from < 0 || to > total || from > to) {
            throw new IllegalArgumentException(name + ": coefficients [" + from + ", " + to + ") outside its " + total);
        }
        int n = to - from;
        int[] matrix = new int[n], constraint = new int[n], signal = new int[n];
        long[] value = new long[4 * n];
        // records of 44 bytes (matrix, constraint, signal, four value limbs), parsed chunk by chunk
        int per = 1 << 14;
        file.chunks(file.section(4)[0] + 4 + 44L * from, 44L * n, 44 * per, "coefficients", (b, offset) -> {
            int first = (int) (offset / 44), count = b.remaining() / 44;
            int[] rec = new int[11 * count];
            b.asIntBuffer().get(rec);
            for (int i = 0; i < count; i++) {
                int k = first + i, r = 11 * i;
                matrix[k] = rec[r];
                constraint[k] = rec[r + 1];
                signal[k] = rec[r + 2];
                for (int l = 0; l < 4; l++) {
                    value[4 * k + l] = (rec[r + 3 + 2 * l] & 0xFFFFFFFFL) | ((long) rec[r + 4 + 2 * l] << 32);
                }
                if (matrix[k] < 0 || matrix[k] > 1 || constraint[k] < 0 || constraint[k] >= domain || signal[k] < 0
                        || signal[k] >= nVars || !FR.isCanonical(value, 4 * k)) {
                    throw new InvalidFileException(name + ": coefficient " + (from + k) + " is out of range");
                }
            }
            FR.mulRangeBy(value, first, first + count, FR_IN, 0);
        });
        return new Coefficients(from, matrix, constraint, signal, value);
    }

    /**
     * The points of variables [from, to) and of domain positions [hFrom, hTo), read by range from
     * the key's sections 5 to 9 (a key chunk's share of a distributed proof).
     */
    public static KeySlice readSlice(SectionedFile file, int from, int to, int hFrom, int hTo) throws IOException {
        int[] counts = counts(file);
        checkDomain(file, hTo, counts[2]);
        return readSlice(file, KeySlice.chunk(counts[0], counts[1], from, to, hFrom, hTo));
    }

    /** The points of each section's range ({@link KeySlice#chunk} or {@link KeySlice#balanced} ones), read by range. */
    public static KeySlice readSlice(SectionedFile file, int[][] ranges) throws IOException {
        int[] counts = counts(file);
        long[][] bytes = sliceRanges(file, ranges);
        long[][] points = new long[KeySlice.SECTIONS][];
        for (int s = 0; s < KeySlice.SECTIONS; s++) {
            points[s] = new long[(int) (bytes[s][1] / 8)];
            coordinates(file, bytes[s][0], points[s], KeySlice.NAMES[s]);
        }
        return KeySlice.of(ranges, counts[1], points[0], points[1], points[2], points[3], points[4]);
    }

    /**
     * Byte ranges {offset, length} in the key file of the points of variables [from, to) and domain
     * positions [hFrom, hTo): A, B1, B2, C, H in that order (for checksums of key chunks).
     */
    public static long[][] sliceRanges(SectionedFile file, int from, int to, int hFrom, int hTo) throws IOException {
        int[] counts = counts(file);
        checkDomain(file, hTo, counts[2]);
        return sliceRanges(file, KeySlice.chunk(counts[0], counts[1], from, to, hFrom, hTo));
    }

    /**
     * Byte ranges {offset, length} in the key file of each section's range: A, B1, B2, C, H in that
     * order (C's range holds private variables only).
     */
    public static long[][] sliceRanges(SectionedFile file, int[][] ranges) throws IOException {
        int[] counts = counts(file);
        int nVars = counts[0], cFirst = counts[1] + 1, domain = counts[2];
        if (ranges.length != KeySlice.SECTIONS) {
            throw new IllegalArgumentException("a key slice has five ranges");
        }
        // each section: its number, points, first index, bytes a point
        int[][] layout = {{5, nVars, 0, 64}, {6, nVars, 0, 64}, {7, nVars, 0, 128}, {8, nVars - cFirst, cFirst, 64},
            {9, domain, 0, 64}};
        long[][] out = new long[KeySlice.SECTIONS][];
        for (int s = 0; s < KeySlice.SECTIONS; s++) {
            int[] l = layout[s];
            int from = ranges[s][0] - l[2], to = ranges[s][1] - l[2];
            if (from > to || to > l[1] || from < 0 && to > from) {
                throw new IllegalArgumentException(file.name() + ": " + KeySlice.NAMES[s] + " [" + ranges[s][0] + ", "
                        + ranges[s][1] + ") outside the key's " + l[1] + " points of it");
            }
            out[s] = from == to ? new long[] {file.section(l[0])[0], 0}
                    : new long[] {file.section(l[0], (long) l[3] * l[1])[0] + (long) l[3] * from, (long) l[3] * (to - from)};
        }
        return out;
    }

    private static void checkDomain(SectionedFile file, int hTo, int domain) {
        if (hTo > domain) {
            throw new IllegalArgumentException(file.name() + ": domain positions up to " + hTo + " outside the key's "
                    + domain);
        }
    }

    private static ProvingKey read(SectionedFile file, boolean points, boolean coefficients) throws IOException {
        String name = file.name();
        if (file.version() != 1) {
            throw new InvalidFileException(name + ": unsupported .zkey version " + file.version());
        }
        int protocol = file.reader(1).u32("protocol");
        if (protocol != GROTH16) {
            throw new InvalidFileException(name + ": not a Groth16 key (protocol " + protocol + ")");
        }
        BinaryReader in = file.reader(2);
        if (in.u32("n8q") != 32 || !Arrays.equals(in.bytes(32, "q"), le(Bn254.P))
                || in.u32("n8r") != 32 || !Arrays.equals(in.bytes(32, "r"), le(Bn254.R))) {
            throw new InvalidFileException(name + ": not a BN254 key");
        }
        int nVars = in.u32("variable count");
        int nPublic = in.u32("public count");
        int domain = in.u32("domain size");
        if (nVars < 1 || nPublic < 0 || nPublic >= nVars || domain < 1 || Integer.bitCount(domain) != 1) {
            throw new InvalidFileException(name + ": inconsistent header (variables " + nVars + ", public " + nPublic
                    + ", domain " + domain + ")");
        }
        long at = file.section(2)[0] + in.position();
        long[] alpha1 = new long[8], beta1 = new long[8], beta2 = new long[16], gamma2 = new long[16],
                delta1 = new long[8], delta2 = new long[16];
        String[] names = {"alpha1", "beta1", "beta2", "gamma2", "delta1", "delta2"};
        long[][] header = {alpha1, beta1, beta2, gamma2, delta1, delta2};
        for (int i = 0; i < header.length; i++) {
            coordinates(file, at, header[i], names[i]);
            at += 8L * header[i].length;
        }
        validate(alpha1, beta1, beta2, gamma2, delta1, delta2, name);
        long[] ic = new long[8 * (nPublic + 1)];
        coordinates(file, file.section(3, 64L * (nPublic + 1))[0], ic, "IC");
        for (int i = 0; i <= nPublic; i++) {
            if (!G1Point.fromLimbs(ic, 8 * i).isOnCurve()) {
                throw new InvalidFileException(name + ": IC[" + i + "] is not on the curve");
            }
        }
        // the section is checked either way; over 2 GB from 2^23 constraints, it is read in chunks
        Coefficients co = readCoefficients(file, 0, coefficients ? coefficientCount(file) : 0, nVars, domain);
        int[] matrix = co.matrix(), constraint = co.constraint(), signal = co.signal();
        long[] value = co.value();
        long[] a = null, b1 = null, b2 = null, c = null, h = null;
        if (points) {
            a = new long[8 * nVars];
            b1 = new long[8 * nVars];
            b2 = new long[16 * nVars];
            c = new long[8 * (nVars - nPublic - 1)];
            h = new long[8 * domain];
            coordinates(file, file.section(5, 64L * nVars)[0], a, "A");
            coordinates(file, file.section(6, 64L * nVars)[0], b1, "B1");
            coordinates(file, file.section(7, 128L * nVars)[0], b2, "B2");
            coordinates(file, file.section(8, 64L * (nVars - nPublic - 1))[0], c, "C");
            coordinates(file, file.section(9, 64L * domain)[0], h, "H");
        } else {
            for (int sec = 5; sec <= 9; sec++) {
                file.section(sec); // present, though not read here
            }
        }
        byte[] contributions = new byte[0];
        if (file.has(10)) {
            long[] s10 = file.section(10);
            contributions = file.readBytes(s10[0], s10[1], "contributions");
        }
        return new ProvingKey(nVars, nPublic, domain, alpha1, beta1, beta2, gamma2, delta1, delta2, ic, matrix,
                constraint, signal, value, a, b1, b2, c, h, contributions, Map.of("setup", setupKind(contributions)));
    }

    /** How the key was made, from the count of phase-2 contributions (after the 64-byte circuit hash). */
    private static String setupKind(byte[] contributions) {
        if (contributions.length < 68) {
            return Groth16Setup.SETUP_KIND;
        }
        int n = ByteBuffer.wrap(contributions, 64, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        return n == 0 ? Groth16Setup.SETUP_KIND : "phase-2 ceremony with " + n + " contribution(s)";
    }

    private static void validate(long[] alpha1, long[] beta1, long[] beta2, long[] gamma2, long[] delta1,
            long[] delta2, String name) {
        long[][] g1 = {alpha1, beta1, delta1};
        String[] n1 = {"alpha1", "beta1", "delta1"};
        for (int i = 0; i < 3; i++) {
            G1Point p = G1Point.fromLimbs(g1[i], 0);
            if (p.isInfinity() || !p.isOnCurve()) {
                throw new InvalidFileException(name + ": " + n1[i] + " is not a valid G1 point");
            }
        }
        long[][] g2 = {beta2, gamma2, delta2};
        String[] n2 = {"beta2", "gamma2", "delta2"};
        for (int i = 0; i < 3; i++) {
            G2Point p = G2Point.fromLimbs(g2[i], 0);
            if (p.isInfinity() || !p.isOnCurve() || !p.isInSubgroup()) {
                throw new InvalidFileException(name + ": " + n2[i] + " is not a valid G2 point");
            }
        }
    }

    /**
     * Base-field coordinates (ffjavascript's Montgomery form, R = 2^256) from position pos into
     * out, as our Montgomery limbs: read, checked below p and converted chunk by chunk in parallel.
     */
    private static void coordinates(SectionedFile file, long pos, long[] out, String what) throws IOException {
        file.longs(pos, out, 0, out.length, what, (from, to) -> {
            for (int e = from; e < to; e += 4) {
                if (!FP.isCanonical(out, e)) {
                    throw new InvalidFileException(file.name() + ": a coordinate of " + what + " is not below p");
                }
            }
            FP.mulRangeBy(out, from / 4, to / 4, FP_IN, 0);
        });
    }

    private static byte[] le(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    /** Bytes of a large section encoded at a time while streaming. */
    private static final int BLOCK = 1 << 24;

    public static void write(ProvingKey pk, Path path) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            write(pk, out);
        }
    }

    /** The key as a snarkjs .zkey in one array (below 2 GB); large keys go through {@link #write(ProvingKey, OutputStream)}. */
    public static byte[] toBytes(ProvingKey pk) {
        long size = 12;
        for (long s : new Layout(pk, pk.coeffMatrix.length).sizes) {
            size += 12 + s;
        }
        return ArrayOutput.of(size, "proving key", out -> write(pk, out));
    }

    /**
     * Streams the key as a snarkjs .zkey, of any size: large sections are encoded a block (16 MiB)
     * at a time, in parallel chunks, so the file is never held in memory.
     */
    public static void write(ProvingKey pk, OutputStream out) throws IOException {
        write(pk, out, BLOCK);
    }

    /** As {@link #write(ProvingKey, OutputStream)} in blocks of about blockBytes (tests use small ones). */
    static void write(ProvingKey pk, OutputStream out, int blockBytes) throws IOException {
        if (!pk.hasPoints()) {
            throw new IllegalArgumentException("a proving key read without its points cannot be written");
        }
        Body[] points = new Body[5];
        long[][] sections = {pk.a, pk.b1, pk.b2, pk.c, pk.h};
        for (int i = 0; i < 5; i++) {
            long[] limbs = sections[i];
            points[i] = o -> pointsOut(limbs, o, blockBytes);
        }
        write(pk, pk.coeffMatrix.length, o -> coefficientsOut(pk, o, blockBytes), points, out);
    }

    /** A section's body, as {@link #write(ProvingKey, long, Body, Body[], OutputStream)} takes it. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes a key whose large sections come from elsewhere (a streamed setup's parts), as {@link
     * #write(ProvingKey, OutputStream)} writes a whole key: sections 1–3 and 10 from {@code frame}
     * (counts, α…δ, IC, contributions); section 4 as the count, then {@code coefficientRecords}
     * ({@link #putCoefficient}, 44 bytes each); sections 5–9 (A, B1, B2, C, H) from {@code points},
     * each in ffjavascript's form ({@link #pointBytes}). A body that writes other than its
     * section's size fails the write. Returns the key's size in bytes.
     */
    public static long write(ProvingKey frame, long coefficients, Body coefficientRecords, Body[] points, OutputStream out)
            throws IOException {
        Layout l = new Layout(frame, coefficients);
        long total = 12;
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        head.put("zkey".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(1).putInt(10);
        out.write(head.array());
        for (int i = 0; i < 10; i++) {
            head.clear();
            head.putInt(i + 1);
            head.putLong(l.sizes[i]);
            out.write(head.array());
            Counted section = new Counted(out);
            switch (i) {
                case 0 -> section.write(l.header);
                case 1 -> section.write(l.groth16Header);
                case 2 -> pointsOut(frame.ic, section, BLOCK);
                case 3 -> {
                    section.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) coefficients).array());
                    coefficientRecords.writeTo(section);
                }
                case 9 -> section.write(l.contributions);
                default -> points[i - 4].writeTo(section);
            }
            if (section.count != l.sizes[i]) {
                throw new IllegalStateException("section " + (i + 1) + " of the key has " + section.count + " bytes, "
                        + l.sizes[i] + " expected");
            }
            total += 12 + section.count;
        }
        out.flush();
        return total;
    }

    /** Passes bytes on and counts them. */
    private static final class Counted extends java.io.FilterOutputStream {
        long count;

        Counted(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() {
            // the key's stream is flushed once, at its end
        }
    }

    /** The small sections and every section's size. */
    private static final class Layout {
        final byte[] header, groth16Header, contributions;
        final long[] sizes;

        Layout(ProvingKey pk, long coefficients) {
            if (coefficients < 0 || coefficients > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a key holds at most 2^31 − 1 coefficients, got " + coefficients);
            }
            BinaryWriter s1 = new BinaryWriter();
            s1.u32(GROTH16);
            header = s1.toByteArray();
            BinaryWriter s2 = new BinaryWriter();
            s2.u32(32);
            s2.bytes(le(Bn254.P));
            s2.u32(32);
            s2.bytes(le(Bn254.R));
            s2.u32(pk.numVariables);
            s2.u32(pk.numPublic);
            s2.u32(pk.domainSize);
            for (long[] p : new long[][] {pk.alpha1, pk.beta1, pk.beta2, pk.gamma2, pk.delta1, pk.delta2}) {
                coordinatesOut(s2, p);
            }
            groth16Header = s2.toByteArray();
            if (pk.contributions.length > 0) {
                contributions = pk.contributions;
            } else {
                BinaryWriter s10 = new BinaryWriter();
                s10.bytes(new byte[64]); // no ceremony: empty circuit hash
                s10.u32(0);
                contributions = s10.toByteArray();
            }
            long vars = pk.numVariables;
            sizes = new long[] {header.length, groth16Header.length, 64L * (pk.numPublic + 1), 4 + 44 * coefficients,
                64 * vars, 64 * vars, 128 * vars, 64 * (vars - pk.numPublic - 1), 64L * pk.domainSize,
                contributions.length};
        }
    }

    /** Points (ours: affine Montgomery limbs) as a key stores them: ffjavascript's form, little-endian. */
    public static byte[] pointBytes(long[] limbs) {
        return pointBytes(limbs, 0, limbs.length);
    }

    private static byte[] pointBytes(long[] limbs, int from, int to) {
        long[] t = Arrays.copyOfRange(limbs, from, to);
        FP.mulAllBy(t, t.length / 4, FP_OUT, 0);
        ByteBuffer b = ByteBuffer.allocate(8 * t.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(t);
        return b.array();
    }

    /**
     * Puts a coefficient record of section 4: matrix (0 for A, 1 for B), constraint, signal and the
     * value (our Montgomery limbs at value[vo…]) as the key stores it; scratch holds four limbs.
     */
    public static void putCoefficient(ByteBuffer b, int matrix, int constraint, int signal, long[] value, int vo,
            long[] scratch) {
        FR.mul(scratch, 0, value, vo, FR_OUT, 0);
        b.putInt(matrix).putInt(constraint).putInt(signal);
        for (int i = 0; i < 4; i++) {
            b.putLong(scratch[i]);
        }
    }

    /** Points (ours) in ffjavascript's form, a block at a time. */
    private static void pointsOut(long[] limbs, OutputStream out, int blockBytes) throws IOException {
        int block = Math.max(4, blockBytes / 32 * 4); // whole field elements
        for (int from = 0; from < limbs.length; from += block) {
            out.write(pointBytes(limbs, from, Math.min(limbs.length, from + block)));
        }
    }

    /** Section 4's records, (matrix, constraint, signal, value) per coefficient, a block at a time. */
    private static void coefficientsOut(ProvingKey pk, OutputStream out, int blockBytes) throws IOException {
        int n = pk.coeffMatrix.length, chunk = Math.min(1 << 15, Math.max(1, blockBytes / 44));
        int block = Math.max(1, blockBytes / 44 / chunk) * chunk;
        for (int first = 0; first < n; first += block) {
            int start = first, end = Math.min(n, first + block);
            byte[] bytes = new byte[44 * (end - start)];
            Workers.parallelFor((end - start + chunk - 1) / chunk, c -> {
                int from = start + c * chunk, to = Math.min(end, from + chunk);
                long[] scratch = new long[4];
                ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                b.position(44 * (from - start));
                for (int k = from; k < to; k++) {
                    putCoefficient(b, pk.coeffMatrix[k], pk.coeffConstraint[k], pk.coeffSignal[k], pk.coeffValue, 4 * k,
                            scratch);
                }
            });
            out.write(bytes);
        }
    }

    private static void coordinatesOut(BinaryWriter w, long[] limbs) {
        long[] t = toFfjs(limbs);
        w.u64Array(t, 0, t.length);
    }

    /** Base-field coordinates from our Montgomery form into ffjavascript's (R = 2^256), in parallel. */
    private static long[] toFfjs(long[] limbs) {
        long[] t = limbs.clone();
        FP.mulAllBy(t, t.length / 4, FP_OUT, 0);
        return t;
    }
}
