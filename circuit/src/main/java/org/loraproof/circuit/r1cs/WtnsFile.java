package org.loraproof.circuit.r1cs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.loraproof.circuit.bn254.MontgomeryField;

/**
 * The iden3 binary {@code .wtns} format (version 2): a header (field, count) and the full
 * assignment z, each value 32 little-endian bytes in standard form. Held here as Montgomery limbs.
 */
public final class WtnsFile {
    private static final int HEADER = 1, VALUES = 2;

    private WtnsFile() {
    }

    /** The assignment z as Montgomery limbs, four per value; the values are read and converted in parallel chunks. */
    public static long[] read(Path path) throws IOException {
        try (SectionedFile file = SectionedFile.open(path, "wtns")) {
            return read(file);
        }
    }

    /** The assignment read through a {@link SectionedFile.Source} (a storage URI), in parallel chunks. */
    public static long[] read(SectionedFile.Source source, String name) throws IOException {
        try (SectionedFile file = SectionedFile.open(source, name, "wtns")) {
            return read(file);
        }
    }

    public static long[] read(byte[] bytes, String name) {
        try {
            return read(SectionedFile.of(bytes, name, "wtns"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // arrays do no I/O
        }
    }

    /**
     * The values of variables [from, to) in standard form (as they are stored, and as MSMs take
     * them), read by range: an executor's segment of a witness.
     */
    public static long[] readStandardRange(SectionedFile file, int from, int to) throws IOException {
        int count = count(file);
        String name = file.name();
        if (from < 0 || to > count || from > to) {
            throw new IllegalArgumentException(name + ": variables [" + from + ", " + to + ") outside its " + count);
        }
        long[] z = new long[4 * (to - from)];
        file.longs(file.section(VALUES)[0] + 32L * from, z, 0, z.length, "witness values", (lo, hi) -> {
            for (int e = lo; e < hi; e += 4) {
                if (!MontgomeryField.FR.isCanonical(z, e)) {
                    throw new InvalidFileException(name + ": witness value " + (from + e / 4)
                            + " is not below the field modulus");
                }
            }
        });
        return z;
    }

    /**
     * The values of the variables in the runs [starts[i], ends[i]) (ascending, apart) in standard
     * form, one run after another: the scattered values a range of constraints refers to.
     */
    public static long[] readStandardRuns(SectionedFile file, int[] starts, int[] ends) throws IOException {
        int count = count(file);
        String name = file.name();
        long total = 0;
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] < (i == 0 ? 0 : ends[i - 1]) || ends[i] < starts[i] || ends[i] > count) {
                throw new IllegalArgumentException(name + ": run [" + starts[i] + ", " + ends[i] + ") out of order or "
                        + "outside its " + count + " variables");
            }
            total += ends[i] - starts[i];
        }
        long[] z = new long[Math.toIntExact(4 * total)];
        long values = file.section(VALUES)[0];
        int at = 0;
        for (int i = 0; i < starts.length; i++) {
            int from = starts[i], base = at;
            file.longs(values + 32L * from, z, at, 4 * (ends[i] - from), "witness values", (lo, hi) -> {
                for (int e = lo; e < hi; e += 4) {
                    if (!MontgomeryField.FR.isCanonical(z, e)) {
                        throw new InvalidFileException(name + ": witness value " + (from + (e - base) / 4)
                                + " is not below the field modulus");
                    }
                }
            });
            at += 4 * (ends[i] - from);
        }
        return z;
    }

    /** The number of values, after the header's checks. */
    public static int count(SectionedFile file) throws IOException {
        String name = file.name();
        if (file.version() != 2) {
            throw new InvalidFileException(name + ": unsupported .wtns version " + file.version());
        }
        if (!file.has(HEADER) || !file.has(VALUES)) {
            throw new InvalidFileException(name + ": header or values section missing");
        }
        BinaryReader in = file.reader(HEADER);
        int n8 = in.u32("field size");
        if (n8 != 32 || !Arrays.equals(in.bytes(32, "prime"), BinaryWriter.prime())) {
            throw new InvalidFileException(name + ": not over the BN254 scalar field");
        }
        int count = in.u32("witness count");
        long[] values = file.section(VALUES);
        if (count < 0 || values[1] != 32L * count) {
            throw new InvalidFileException(name + ": " + count + " values declared, section holds " + values[1] / 32);
        }
        return count;
    }

    private static long[] read(SectionedFile file) throws IOException {
        String name = file.name();
        int count = count(file);
        long[] values = file.section(VALUES);
        long[] z = new long[4 * count];
        file.longs(values[0], z, 0, 4 * count, "witness values", (from, to) -> {
            for (int e = from; e < to; e += 4) {
                if (!MontgomeryField.FR.isCanonical(z, e)) {
                    throw new InvalidFileException(name + ": witness value " + e / 4 + " is not below the field modulus");
                }
            }
            MontgomeryField.FR.mulRangeBy(z, from / 4, to / 4, R_SQUARED, 0);
        });
        return z;
    }

    /** 2^520 mod r: a Montgomery product with it takes a standard-form value to Montgomery form. */
    private static final long[] R_SQUARED = MontgomeryField.limbsOf(
            java.math.BigInteger.ONE.shiftLeft(2 * MontgomeryField.MONTGOMERY_BITS).mod(org.loraproof.circuit.bn254.Bn254.R));

    public static byte[] toBytes(long[] z) {
        int count = z.length / 4;
        BinaryWriter out = new BinaryWriter();
        out.bytes("wtns".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.u32(2);
        out.u32(2);
        out.u32(HEADER);
        out.u64(40);
        out.u32(32);
        out.bytes(BinaryWriter.prime());
        out.u32(count);
        out.u32(VALUES);
        out.u64(32L * count);
        for (int i = 0; i < count; i++) {
            out.fieldElement(z, 4 * i);
        }
        return out.toByteArray();
    }

    public static void write(Path path, long[] z) throws IOException {
        Files.write(path, toBytes(z));
    }
}
