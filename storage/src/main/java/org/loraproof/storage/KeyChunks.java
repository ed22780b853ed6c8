package org.loraproof.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.loraproof.circuit.groth16.KeySlice;
import org.loraproof.circuit.groth16.ZkeyFile;
import org.loraproof.circuit.r1cs.InvalidFileException;
import org.loraproof.circuit.r1cs.SectionedFile;

/**
 * The chunk index of a proving key: the key (a snarkjs {@code .zkey}, kept whole so that snarkjs
 * and rapidsnark still read it) cut into chunks, each a contiguous range of variables for the A,
 * B1, B2 and C queries and a range of the domain for H, with the SHA-256 of its bytes and of each
 * of its five ranges. An executor reads its chunk's five byte ranges by positioned reads and checks
 * them against the first; or it reads stretches of sections that run across chunks, and checks
 * each chunk's range of a section against that section's. Stored beside the key as
 * {@code <key>.index.json}; an index written before the sections' checksums has none.
 */
public record KeyChunks(int numVariables, int numPublic, int domainSize, long keySize, List<Chunk> chunks) {
    public static final String FORMAT = "loraproof-pk-chunks";
    /** Domain positions per chunk by default: about 20 MB of points in each. */
    public static final int DEFAULT_DOMAIN_PER_CHUNK = 1 << 16;

    public KeyChunks {
        chunks = List.copyOf(chunks);
    }

    /**
     * Chunk {@code index} of the key: variables [from, to), domain positions [hFrom, hTo); the
     * SHA-256 of its five ranges' bytes, and of each range's (A, B1, B2, C, H: empty when unknown).
     */
    public record Chunk(int index, int from, int to, int hFrom, int hTo, long bytes, String sha256,
            List<String> sections) {
        public Chunk {
            sections = List.copyOf(sections);
            if (!sections.isEmpty() && sections.size() != KeySlice.SECTIONS) {
                throw new IllegalArgumentException("a chunk has a checksum for each of the five sections or none");
            }
        }

        /** How errors and progress name it. */
        public String describe() {
            return "chunk " + index + " (variables " + from + "–" + to + ", domain " + hFrom + "–" + hTo + ")";
        }
    }

    /** The index file of a key at {@code keyUri}. */
    public static String indexOf(String keyUri) {
        return keyUri + ".index.json";
    }

    /**
     * [from, to) of part k of count equal parts of [0, n): the cut every distributed job uses, so
     * that chunks, partitions and witness segments line up.
     */
    public static int[] part(int n, int k, int count) {
        return new int[] {(int) ((long) n * k / count), (int) ((long) n * (k + 1) / count)};
    }

    /** The default chunk count of a key with this domain: a power of two, one chunk per 2^16 positions. */
    public static int defaultChunks(int domainSize) {
        return Math.max(1, Math.min(1024, domainSize / DEFAULT_DOMAIN_PER_CHUNK));
    }

    /** Cuts a key file into count chunks and hashes each (reading each chunk's ranges once). */
    public static KeyChunks of(SectionedFile key, int count) throws IOException {
        return of(key, equalBounds(ZkeyFile.counts(key)[0], count));
    }

    /** count + 1 variable boundaries cutting [0, numVariables) into equal parts. */
    public static int[] equalBounds(int numVariables, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a key needs at least one chunk, got " + count);
        }
        int[] bounds = new int[count + 1];
        for (int k = 0; k <= count; k++) {
            bounds[k] = (int) ((long) numVariables * k / count);
        }
        return bounds;
    }

    /**
     * The chunks of a key of these counts, {from, to, hFrom, hTo} each: variables at these
     * boundaries (from 0 to numVariables, ascending), the domain in as many equal parts.
     */
    public static int[][] cut(int numVariables, int domainSize, int[] variableBounds) {
        int count = variableBounds.length - 1;
        if (count < 1 || variableBounds[0] != 0 || variableBounds[count] != numVariables) {
            throw new IllegalArgumentException("chunk boundaries must run from 0 to the key's " + numVariables
                    + " variables");
        }
        int[][] out = new int[count][];
        for (int k = 0; k < count; k++) {
            if (variableBounds[k + 1] < variableBounds[k]) {
                throw new IllegalArgumentException("chunk boundaries must ascend");
            }
            int[] h = part(domainSize, k, count);
            out[k] = new int[] {variableBounds[k], variableBounds[k + 1], h[0], h[1]};
        }
        return out;
    }

    /**
     * Cuts a key file into chunks at these variable boundaries (from 0 to the key's variable count,
     * ascending: a circuit's own cut, such as the common part and the batches of samples), the
     * domain into as many equal parts, and hashes each chunk.
     */
    public static KeyChunks of(SectionedFile key, int[] variableBounds) throws IOException {
        int[] c = ZkeyFile.counts(key);
        int[][] cut = cut(c[0], c[2], variableBounds);
        List<Chunk> chunks = new ArrayList<>();
        for (int k = 0; k < cut.length; k++) {
            int[] v = {cut[k][0], cut[k][1]}, h = {cut[k][2], cut[k][3]};
            long[][] ranges = ZkeyFile.sliceRanges(key, v[0], v[1], h[0], h[1]);
            long bytes = 0;
            for (long[] r : ranges) {
                bytes += r[1];
            }
            String[] sums = sha256s(key, ranges);
            chunks.add(new Chunk(k, v[0], v[1], h[0], h[1], bytes, sums[0], List.of(sums).subList(1, sums.length)));
        }
        long size = 0;
        for (int t : key.types()) {
            size += 12 + key.section(t)[1];
        }
        return new KeyChunks(c[0], c[1], c[2], size + 12, chunks);
    }

    /**
     * Cuts the key at keyUri into count chunks and writes its index beside it (atomically);
     * returns the index.
     */
    public static KeyChunks writeIndex(String keyUri, org.apache.hadoop.conf.Configuration conf, int count)
            throws IOException {
        return writeIndex(keyUri, conf, key -> of(key, count));
    }

    /** As {@link #writeIndex(String, org.apache.hadoop.conf.Configuration, int)}, cut at these variable boundaries. */
    public static KeyChunks writeIndex(String keyUri, org.apache.hadoop.conf.Configuration conf, int[] variableBounds)
            throws IOException {
        return writeIndex(keyUri, conf, key -> of(key, variableBounds));
    }

    /** How a key is cut into chunks. */
    @FunctionalInterface
    private interface Cut {
        KeyChunks of(SectionedFile key) throws IOException;
    }

    private static KeyChunks writeIndex(String keyUri, org.apache.hadoop.conf.Configuration conf, Cut cut)
            throws IOException {
        KeyChunks index;
        try (SectionedFile key = SectionedFile.open(HadoopSource.open(keyUri, conf), keyUri, "zkey")) {
            index = cut.of(key);
        }
        ArtifactStore.writeAtomically(new org.apache.hadoop.fs.Path(indexOf(keyUri)), conf, index.toJson());
        return index;
    }

    /** SHA-256 of the bytes of all the ranges, in order, then of each range; one read, 1 MiB at a time. */
    static String[] sha256s(SectionedFile key, long[][] ranges) throws IOException {
        MessageDigest all = Artifacts.sha256Digest();
        String[] out = new String[ranges.length + 1];
        for (int i = 0; i < ranges.length; i++) {
            MessageDigest one = Artifacts.sha256Digest();
            long[] r = ranges[i];
            for (long at = 0; at < r[1]; at += 1 << 20) {
                byte[] b = key.readBytes(r[0] + at, Math.min(1 << 20, r[1] - at), "key chunk");
                all.update(b);
                one.update(b);
            }
            out[i + 1] = HexFormat.of().formatHex(one.digest());
        }
        out[0] = HexFormat.of().formatHex(all.digest());
        return out;
    }

    /** SHA-256 of the bytes of the ranges, in order, read 1 MiB at a time. */
    public static String sha256(SectionedFile key, long[][] ranges) throws IOException {
        MessageDigest md = Artifacts.sha256Digest();
        for (long[] r : ranges) {
            for (long at = 0; at < r[1]; at += 1 << 20) {
                md.update(key.readBytes(r[0] + at, Math.min(1 << 20, r[1] - at), "key chunk"));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public byte[] toJson() {
        ObjectNode doc = Artifacts.document(FORMAT);
        doc.put("numVariables", numVariables);
        doc.put("numPublic", numPublic);
        doc.put("domainSize", domainSize);
        doc.put("keyBytes", keySize);
        ArrayNode list = doc.putArray("chunks");
        for (Chunk ch : chunks) {
            ObjectNode o = list.addObject();
            o.put("index", ch.index);
            o.putArray("variables").add(ch.from).add(ch.to);
            o.putArray("domain").add(ch.hFrom).add(ch.hTo);
            o.put("bytes", ch.bytes);
            o.put("sha256", ch.sha256);
            if (!ch.sections.isEmpty()) {
                ArrayNode sections = o.putArray("sections");
                ch.sections.forEach(sections::add);
            }
        }
        return Artifacts.bytes(doc);
    }

    /** Reads an index; a foreign, newer or inconsistent one is refused naming the file. */
    public static KeyChunks parse(byte[] json, String name) {
        JsonNode doc = Artifacts.parse(json, name, FORMAT);
        try {
            List<Chunk> chunks = new ArrayList<>();
            int expectVar = 0, expectH = 0;
            for (JsonNode o : doc.withArray("chunks")) {
                List<String> sections = new ArrayList<>();
                if (o.has("sections")) {
                    o.get("sections").forEach(x -> sections.add(x.asText()));
                }
                if (o.has("sections") && (!o.get("sections").isArray() || sections.size() != KeySlice.SECTIONS)) {
                    throw new InvalidFileException(name + ": chunk " + chunks.size() + " has " + sections.size()
                            + " section checksums, not five");
                }
                Chunk ch = new Chunk(o.get("index").asInt(), o.get("variables").get(0).asInt(),
                        o.get("variables").get(1).asInt(), o.get("domain").get(0).asInt(), o.get("domain").get(1).asInt(),
                        o.get("bytes").asLong(), o.get("sha256").asText(), sections);
                if (ch.index != chunks.size() || ch.from != expectVar || ch.to < ch.from || ch.hFrom != expectH
                        || ch.hTo < ch.hFrom || !ch.sha256.matches("[0-9a-f]{64}")
                        || !sections.stream().allMatch(x -> x.matches("[0-9a-f]{64}"))) {
                    throw new InvalidFileException(name + ": chunk " + chunks.size() + " does not follow the one before");
                }
                expectVar = ch.to;
                expectH = ch.hTo;
                chunks.add(ch);
            }
            KeyChunks k = new KeyChunks(doc.get("numVariables").asInt(), doc.get("numPublic").asInt(),
                    doc.get("domainSize").asInt(), doc.get("keyBytes").asLong(), chunks);
            if (chunks.isEmpty() || expectVar != k.numVariables || expectH != k.domainSize) {
                throw new InvalidFileException(name + ": the chunks do not cover the key");
            }
            return k;
        } catch (NullPointerException e) {
            throw new InvalidFileException(name + ": a chunk entry lacks a field");
        }
    }
}
