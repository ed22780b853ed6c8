package org.loraproof.circuit.r1cs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The iden3 binary {@code .wtns} format (version 2): a header (field, count) and the full
 * assignment z, each value 32 little-endian bytes in standard form. Held here as Montgomery limbs.
 */
public final class WtnsFile {
    private static final int HEADER = 1, VALUES = 2;

    private WtnsFile() {
    }

    /** The assignment z as Montgomery limbs, four per value. */
    public static long[] read(Path path) throws IOException {
        return read(Files.readAllBytes(path), path.toString());
    }

    public static long[] read(byte[] bytes, String name) {
        BinaryReader in = new BinaryReader(bytes, name);
        int version = in.header("wtns");
        if (version != 2) {
            throw new InvalidFileException(name + ": unsupported .wtns version " + version);
        }
        java.util.Map<Integer, int[]> where = in.sections(in.u32("section count"));
        if (!where.containsKey(HEADER) || !where.containsKey(VALUES)) {
            throw new InvalidFileException(name + ": header or values section missing");
        }
        in.position(where.get(HEADER)[0]);
        int n8 = in.u32("field size");
        if (n8 != 32 || !Arrays.equals(in.bytes(32, "prime"), BinaryWriter.prime())) {
            throw new InvalidFileException(name + ": not over the BN254 scalar field");
        }
        int count = in.u32("witness count");
        int valuesAt = where.get(VALUES)[0];
        long valuesSize = where.get(VALUES)[1];
        if (valuesSize != 32L * count) {
            throw new InvalidFileException(name + ": " + count + " values declared, section holds " + valuesSize / 32);
        }
        in.position(valuesAt);
        long[] z = new long[4 * count];
        for (int i = 0; i < count; i++) {
            in.fieldElement(32, z, 4 * i, "witness value " + i);
        }
        return z;
    }

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
