package org.loraproof.circuit.r1cs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.loraproof.circuit.Workers;
import org.loraproof.circuit.bn254.MontgomeryField;

/**
 * The iden3 binary {@code .r1cs} format (circom, snarkjs): sections of a header (field, wire
 * counts), constraints (A, B, C as (wire, coefficient) terms, coefficients little-endian in
 * standard form) and the wire-to-label map. Wires are ordered 1, public outputs, public inputs,
 * private inputs, internal signals. Reading keeps section order, term order and unknown sections,
 * so writing a read file gives the same bytes.
 *
 * @param r1cs the constraint system (numPublic = outputs + public inputs)
 * @param publicOutputs circom's nPubOut
 * @param privateInputs circom's nPrvIn
 * @param labels wire-to-label map
 * @param numLabels circom's nLabels
 * @param sectionOrder section types in file order
 * @param otherSections sections this reader does not interpret, by type
 */
public record R1csFile(R1cs r1cs, int publicOutputs, int privateInputs, long[] labels, long numLabels,
        int[] sectionOrder, Map<Integer, byte[]> otherSections) {
    private static final int HEADER = 1, CONSTRAINTS = 2, LABELS = 3;

    /** Wraps a constraint system of ours: no outputs, every public variable a public input. */
    public static R1csFile of(R1cs r1cs) {
        long[] labels = new long[r1cs.numVariables()];
        Arrays.setAll(labels, i -> i);
        return new R1csFile(r1cs, 0, 0, labels, labels.length, new int[] {HEADER, CONSTRAINTS, LABELS}, Map.of());
    }

    public int publicInputs() {
        return r1cs.numPublic() - publicOutputs;
    }

    public static R1csFile read(Path path) throws IOException {
        return read(path, 1 << 20);
    }

    /** As {@link #read(Path)}, the constraints read through a buffer of bufferBytes (tests use small ones). */
    static R1csFile read(Path path, int bufferBytes) throws IOException {
        try (SectionedFile file = SectionedFile.open(path, "r1cs")) {
            return read(file, bufferBytes);
        } catch (java.io.UncheckedIOException e) { // from the constraints' sequential reader
            throw e.getCause();
        }
    }

    public static R1csFile read(byte[] bytes, String name) {
        try {
            return read(SectionedFile.of(bytes, name, "r1cs"), 1 << 20);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // arrays do no I/O
        }
    }

    /** Reads section by section, the constraints in turn through a buffer: the file is never held whole. */
    private static R1csFile read(SectionedFile file, int bufferBytes) throws IOException {
        String name = file.name();
        if (file.version() != 1) {
            throw new InvalidFileException(name + ": unsupported .r1cs version " + file.version());
        }
        int[] order = file.types();
        Map<Integer, byte[]> other = new LinkedHashMap<>();
        for (int type : order) {
            if (type != HEADER && type != CONSTRAINTS && type != LABELS) {
                long[] at = file.section(type);
                other.put(type, file.readBytes(at[0], at[1], "section " + type));
            }
        }
        BinaryReader in = file.reader(HEADER);
        int n8 = in.u32("field size");
        if (n8 != 32 || !Arrays.equals(in.bytes(32, "prime"), BinaryWriter.prime())) {
            throw new InvalidFileException(name + ": not over the BN254 scalar field");
        }
        int nWires = in.u32("wire count");
        int nPubOut = in.u32("public output count");
        int nPubIn = in.u32("public input count");
        int nPrvIn = in.u32("private input count");
        long nLabels = in.u64("label count");
        int m = in.u32("constraint count");
        if (nWires < 1 || m < 0 || 1L + nPubOut + nPubIn + nPrvIn > nWires) {
            throw new InvalidFileException(name + ": inconsistent header counts");
        }
        in = file.sequentialReader(CONSTRAINTS, bufferBytes);
        SparseMatrix[] abc = {new SparseMatrix(m, 2 * m), new SparseMatrix(m, 2 * m), new SparseMatrix(m, 2 * m)};
        for (int i = 0; i < m; i++) {
            for (SparseMatrix mat : abc) {
                int nnz = in.u32("constraint " + i);
                if (nnz < 0 || (long) nnz * 36 > in.remaining()) {
                    throw new InvalidFileException(name + ": truncated in constraint " + i);
                }
                int[] cols = new int[nnz];
                long[] coeffs = new long[4 * nnz];
                for (int k = 0; k < nnz; k++) {
                    cols[k] = in.u32("constraint " + i);
                    if (cols[k] < 0 || cols[k] >= nWires) {
                        throw new InvalidFileException(name + ": constraint " + i + " refers to wire " + cols[k]
                                + " of " + nWires);
                    }
                    in.fieldElement(32, coeffs, 4 * k, "a coefficient of constraint " + i);
                }
                mat.addRawRow(cols, coeffs, nnz);
            }
        }
        if (in.remaining() != 0) {
            throw new InvalidFileException(name + ": constraint section size does not match its contents");
        }
        long[] labels = new long[nWires];
        if (file.has(LABELS)) {
            if (file.section(LABELS)[1] != 8L * nWires) {
                throw new InvalidFileException(name + ": label section size does not match the wire count");
            }
            in = file.reader(LABELS);
            for (int i = 0; i < nWires; i++) {
                labels[i] = in.u64("labels");
            }
        }
        R1cs r1cs = new R1cs(nWires, nPubOut + nPubIn, abc[0], abc[1], abc[2], null);
        return new R1csFile(r1cs, nPubOut, nPrvIn, labels, nLabels, order, other);
    }

    /** The file in one array (below 2 GB); large files go through {@link #write(OutputStream)}. */
    public byte[] toBytes() {
        long total = 12;
        for (long size : sectionSizes()) {
            total += 12 + size;
        }
        return ArrayOutput.of(total, "R1CS", this::write);
    }

    /** Streams the file, of any size: constraints are encoded about 16 MiB at a time, in parallel chunks. */
    public void write(OutputStream out) throws IOException {
        write(out, 1 << 24);
    }

    /** As {@link #write(OutputStream)} in blocks of about blockBytes (tests use small ones). */
    void write(OutputStream out, int blockBytes) throws IOException {
        long[] sizes = sectionSizes();
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        head.put("r1cs".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(1).putInt(sectionOrder.length);
        out.write(head.array());
        for (int i = 0; i < sectionOrder.length; i++) {
            head.clear();
            head.putInt(sectionOrder[i]);
            head.putLong(sizes[i]);
            out.write(head.array());
            switch (sectionOrder[i]) {
                case HEADER -> out.write(header());
                case CONSTRAINTS -> constraintsOut(out, blockBytes);
                case LABELS -> out.write(labelSection());
                default -> out.write(otherSections.get(sectionOrder[i]));
            }
        }
        out.flush();
    }

    private long[] sectionSizes() {
        long[] sizes = new long[sectionOrder.length];
        for (int i = 0; i < sectionOrder.length; i++) {
            sizes[i] = switch (sectionOrder[i]) {
                case HEADER -> header().length;
                case CONSTRAINTS -> constraintsSize();
                case LABELS -> 8L * labels.length;
                default -> otherSections.get(sectionOrder[i]).length;
            };
        }
        return sizes;
    }

    public void write(Path path) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            write(out);
        }
    }

    private byte[] header() {
        return header(r1cs.numVariables(), publicOutputs, publicInputs(), privateInputs, numLabels, r1cs.numConstraints());
    }

    private static byte[] header(int wires, int publicOutputs, int publicInputs, int privateInputs, long numLabels,
            int constraints) {
        BinaryWriter w = new BinaryWriter();
        w.u32(32);
        w.bytes(BinaryWriter.prime());
        w.u32(wires);
        w.u32(publicOutputs);
        w.u32(publicInputs);
        w.u32(privateInputs);
        w.u64(numLabels);
        w.u32(constraints);
        return w.toByteArray();
    }

    /**
     * Writes the file {@link #of} a constraint system of ours would give, byte for byte, constraint
     * by constraint as a {@link ConstraintStream} makes them: its counts are known beforehand (a
     * {@link ConstraintCounter} pass), so the constraints are never held. {@link #finish} writes the
     * labels.
     */
    public static final class Streamed implements ConstraintStream.Sink {
        private final OutputStream out;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        private final int wires, constraints;
        private final long[] standard = new long[4];
        private int next;

        public Streamed(OutputStream out, int wires, int publicInputs, int constraints, long nonZeros) throws IOException {
            this.out = out;
            this.wires = wires;
            this.constraints = constraints;
            byte[] header = header(wires, 0, publicInputs, 0, wires, constraints);
            buf.put("r1cs".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(1).putInt(3);
            buf.putInt(HEADER).putLong(header.length).put(header);
            buf.putInt(CONSTRAINTS).putLong(12L * constraints + 36 * nonZeros);
        }

        @Override
        public void constraint(int index, LinearCombination a, LinearCombination b, LinearCombination c) {
            if (index != next++ || index >= constraints) {
                throw new IllegalStateException("constraint " + index + " out of the counted order");
            }
            try {
                for (LinearCombination lc : new LinearCombination[] {a, b, c}) {
                    room(4);
                    buf.putInt(lc.size());
                    for (int t = 0; t < lc.size(); t++) {
                        room(36);
                        buf.putInt(lc.vars[t]);
                        MontgomeryField.FR.fromMontgomery(standard, 0, lc.coeffs, 4 * t);
                        for (int l = 0; l < 4; l++) {
                            buf.putLong(standard[l]);
                        }
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** After the last constraint: the label section (wire i has label i); flushes. */
        public void finish() throws IOException {
            if (next != constraints) {
                throw new IllegalStateException(next + " constraints streamed, " + constraints + " counted");
            }
            room(12);
            buf.putInt(LABELS).putLong(8L * wires);
            for (int i = 0; i < wires; i++) {
                room(8);
                buf.putLong(i);
            }
            out.write(buf.array(), 0, buf.position());
            buf.clear();
            out.flush();
        }

        private void room(int bytes) throws IOException {
            if (buf.remaining() < bytes) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
        }
    }

    private long constraintsSize() {
        long size = 0;
        for (SparseMatrix m : new SparseMatrix[] {r1cs.a(), r1cs.b(), r1cs.c()}) {
            size += 4L * r1cs.numConstraints() + 36L * m.rowStart[r1cs.numConstraints()];
        }
        return size;
    }

    /**
     * The constraint section: chunks of 4096 constraints encoded in parallel, each at its offset in
     * a block of about blockBytes, block after block.
     */
    private void constraintsOut(OutputStream out, int blockBytes) throws IOException {
        SparseMatrix[] abc = {r1cs.a(), r1cs.b(), r1cs.c()};
        int m = r1cs.numConstraints();
        long[][] standard = new long[3][];
        for (int x = 0; x < 3; x++) {
            standard[x] = MontgomeryField.FR.fromMontgomeryAll(abc[x].coeffs, abc[x].rowStart[m]);
        }
        int chunk = Math.max(1, Math.min(1 << 12, blockBytes / 256)), chunks = (m + chunk - 1) / chunk;
        long[] offset = new long[chunks + 1];
        for (int c = 0; c < chunks; c++) {
            int from = c * chunk, to = Math.min(m, from + chunk);
            long terms = 0;
            for (SparseMatrix mat : abc) {
                terms += mat.rowStart[to] - mat.rowStart[from];
            }
            offset[c + 1] = offset[c] + 12L * (to - from) + 36 * terms;
        }
        for (int first = 0; first < chunks; ) {
            int last = first + 1; // chunks [first, last) make a block
            while (last < chunks && offset[last + 1] - offset[first] <= blockBytes) {
                last++;
            }
            if (offset[last] - offset[first] > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("R1CS constraints " + first * chunk + "… are too large to encode");
            }
            byte[] block = new byte[(int) (offset[last] - offset[first])];
            int base = first;
            Workers.parallelFor(last - first, k -> {
                int c = base + k;
                ByteBuffer w = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
                w.position((int) (offset[c] - offset[base]));
                for (int i = c * chunk; i < Math.min(m, (c + 1) * chunk); i++) {
                    for (int x = 0; x < 3; x++) {
                        SparseMatrix mat = abc[x];
                        int from = mat.rowStart[i], to = mat.rowStart[i + 1];
                        w.putInt(to - from);
                        for (int t = from; t < to; t++) {
                            w.putInt(mat.cols[t]);
                            for (int l = 0; l < 4; l++) {
                                w.putLong(standard[x][4 * t + l]);
                            }
                        }
                    }
                }
            });
            out.write(block);
            first = last;
        }
    }

    private byte[] labelSection() {
        BinaryWriter w = new BinaryWriter();
        for (long l : labels) {
            w.u64(l);
        }
        return w.toByteArray();
    }
}
