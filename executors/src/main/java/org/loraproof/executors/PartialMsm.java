package org.loraproof.executors;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.loraproof.circuit.groth16.KeySlice;
import org.loraproof.circuit.groth16.PartialSums;
import org.loraproof.circuit.groth16.ZkeyFile;
import org.loraproof.circuit.r1cs.InvalidFileException;
import org.loraproof.circuit.r1cs.SectionedFile;
import org.loraproof.circuit.r1cs.WtnsFile;
import org.loraproof.storage.HadoopSource;
import org.loraproof.storage.KeyChunks;

/**
 * One partition of a distributed Groth16 proof: the executor reads its slice of the key (a range
 * of each of the five sections: a key chunk's variables and domain positions, or a stretch of the
 * sections laid end to end) and the witness values those ranges multiply, through Hadoop's
 * FileSystem by positioned reads; checks what it read against the chunk index's SHA-256s when the
 * key has one; and runs the serial prover's kernel on it ({@link KeySlice#sums}). The values of
 * A·B − C for its domain range come from the quotient's last exchange ({@link QuotientTasks.Msm}),
 * or with the task when the driver computed them.
 */
public final class PartialMsm implements Serializable {
    private static final long serialVersionUID = 2L;

    final int partition;
    final String keyUri;
    /** Where the executor reads its witness values, or null when they come with the task. */
    final String witnessUri;
    /** The values (standard form) of the variables of A's range, for a chunk's task whose driver synthesized the witness. */
    final long[] witness;
    /** The five sections' ranges; C's starts past the public variables once the task knows how many there are. */
    final int[][] ranges;
    /** Whether A, B1, B2 and C share one range of variables (a key chunk's). */
    final boolean chunk;
    /** What each checksum covers: its name, the five ranges, the expected SHA-256 of their bytes in order. */
    final String[] checkNames;
    final int[][][] checkRanges;
    final String[] checkSha256;
    /** A·B − C on the coset at H's range, standard form; null when it comes from the quotient's stages. */
    final long[] quotient;
    /** The job's {@code spark.hadoop.*} settings without the prefix (S3 endpoints, credentials), as key, value, … */
    final String[] hadoop;

    /**
     * A key chunk's task: variables [from, to), domain positions [hFrom, hTo), checked against the
     * chunk's SHA-256 (null: a key without an index) over the same ranges.
     */
    public PartialMsm(int partition, String keyUri, String witnessUri, long[] witness, int from, int to, int hFrom,
            int hTo, String sha256, long[] quotient, Map<String, String> hadoop) {
        this(partition, keyUri, witnessUri, witness, chunkRanges(from, to, hFrom, hTo), true,
                sha256 == null ? List.of() : List.of(new Check(chunkName(partition, from, to, hFrom, hTo),
                        chunkRanges(from, to, hFrom, hTo), sha256)),
                quotient, HadoopSettings.flatten(hadoop));
    }

    /**
     * A stretch of the key's sections ({@link KeySlice#balanced}): the ranges, the checks of the
     * chunks' sections it reads (none for a key without an index), the witness read from witnessUri.
     */
    public static PartialMsm ofSections(int partition, String keyUri, String witnessUri, int[][] ranges,
            List<Check> checks, Map<String, String> hadoop) {
        return new PartialMsm(partition, keyUri, witnessUri, null, ranges, false, checks, null,
                HadoopSettings.flatten(hadoop));
    }

    private PartialMsm(int partition, String keyUri, String witnessUri, long[] witness, int[][] ranges, boolean chunk,
            List<Check> checks, long[] quotient, String[] hadoop) {
        if (ranges.length != KeySlice.SECTIONS || (witnessUri == null) == (witness == null)
                || witness != null && (!chunk || witness.length != 4L * count(ranges[KeySlice.A]))
                || quotient != null && quotient.length != 4L * count(ranges[KeySlice.H])) {
            throw new IllegalArgumentException("witness or quotient values do not match the ranges");
        }
        this.partition = partition;
        this.keyUri = keyUri;
        this.witnessUri = witnessUri;
        this.witness = witness;
        this.ranges = KeySlice.copy(ranges);
        this.chunk = chunk;
        this.checkNames = new String[checks.size()];
        this.checkRanges = new int[checks.size()][][];
        this.checkSha256 = new String[checks.size()];
        for (int i = 0; i < checks.size(); i++) {
            checkNames[i] = checks.get(i).what();
            checkRanges[i] = KeySlice.copy(checks.get(i).ranges());
            checkSha256[i] = checks.get(i).sha256();
        }
        this.quotient = quotient;
        this.hadoop = hadoop;
    }

    /** A checksum to verify before computing: what it covers (for errors), the five ranges, the SHA-256 of their bytes. */
    public record Check(String what, int[][] ranges, String sha256) {
    }

    /**
     * The checks of the chunks a stretch's ranges overlap: each chunk's range of each section this
     * task reads, against that section's SHA-256. None when the index has no section checksums.
     */
    public static List<Check> checks(KeyChunks index, int[][] ranges) {
        List<Check> out = new java.util.ArrayList<>();
        for (KeyChunks.Chunk ch : index.chunks()) {
            if (ch.sections().isEmpty()) {
                return List.of();
            }
            int[][] own = KeySlice.chunk(index.numVariables(), index.numPublic(), ch.from(), ch.to(), ch.hFrom(),
                    ch.hTo());
            for (int s = 0; s < KeySlice.SECTIONS; s++) {
                if (count(ranges[s]) > 0 && count(own[s]) > 0 && own[s][0] < ranges[s][1] && ranges[s][0] < own[s][1]) {
                    int[][] only = new int[KeySlice.SECTIONS][];
                    for (int t = 0; t < KeySlice.SECTIONS; t++) {
                        only[t] = t == s ? own[s].clone() : new int[] {own[t][0], own[t][0]};
                    }
                    out.add(new Check("chunk " + ch.index() + "'s " + KeySlice.NAMES[s] + " (" + (s == KeySlice.H
                            ? "domain " : "variables ") + own[s][0] + "–" + own[s][1] + ")", only, ch.sections().get(s)));
                }
            }
        }
        return out;
    }

    private static int[][] chunkRanges(int from, int to, int hFrom, int hTo) {
        return new int[][] {{from, to}, {from, to}, {from, to}, {from, to}, {hFrom, hTo}};
    }

    private static String chunkName(int partition, int from, int to, int hFrom, int hTo) {
        return "chunk " + partition + " (variables " + from + "–" + to + ", domain " + hFrom + "–" + hTo + ")";
    }

    private static int count(int[] range) {
        return range[1] - range[0];
    }

    /**
     * Checks the SHA-256 over this task's variables and domain positions [hFrom, hTo) of its
     * chunk, while it computes over other domain positions (none, for a batch whose H waits for the
     * quotient); returns this task. For a chunk's task with a checksum only.
     */
    public PartialMsm checkedWithDomain(int hFrom, int hTo) {
        if (!chunk || checkRanges.length != 1) {
            throw new IllegalStateException(describe() + " has no chunk checksum");
        }
        int[][] r = KeySlice.copy(checkRanges[0]);
        r[KeySlice.H] = new int[] {hFrom, hTo};
        checkRanges[0] = r;
        checkNames[0] = chunkName(partition, r[0][0], r[0][1], hFrom, hTo);
        return this;
    }

    public int partition() {
        return partition;
    }

    public int hFrom() {
        return ranges[KeySlice.H][0];
    }

    public int hTo() {
        return ranges[KeySlice.H][1];
    }

    /** This task with the values of A·B − C at H's range (standard form) to carry. */
    public PartialMsm withQuotient(long[] values) {
        return new PartialMsm(partition, keyUri, witnessUri, witness, ranges, chunk, ownChecks(), values, hadoop);
    }

    private List<Check> ownChecks() {
        List<Check> out = new java.util.ArrayList<>();
        for (int i = 0; i < checkNames.length; i++) {
            out.add(new Check(checkNames[i], checkRanges[i], checkSha256[i]));
        }
        return out;
    }

    /** What errors and progress call this partition's part of the key. */
    public String describe() {
        if (chunk) {
            return checkNames.length == 1 ? checkNames[0] : chunkName(partition, ranges[0][0], ranges[0][1], hFrom(), hTo());
        }
        StringBuilder b = new StringBuilder("part " + partition + " (");
        String sep = "";
        for (int s = 0; s < KeySlice.SECTIONS; s++) {
            if (count(ranges[s]) > 0) {
                b.append(sep).append(KeySlice.NAMES[s]).append(' ').append(ranges[s][0]).append('–').append(ranges[s][1]);
                sep = ", ";
            }
        }
        return b.append(sep.isEmpty() ? "nothing)" : ")").toString();
    }

    /** What a partition returns: its sums, and what it took on which executor JVM. */
    public static final class Output implements Serializable {
        private static final long serialVersionUID = 1L;

        public final int partition;
        public final PartialSums sums;
        /** Reading (and checking) the key slice and the witness values; the MSMs. */
        public final long readNanos, msmNanos;
        /** The executor JVM (pid@host) and its peak heap in bytes so far. */
        public final String executor;
        public final long peakHeap;
        /** The JVM's garbage collections during the task (all of its threads': other tasks' too). */
        public final long gcNanos;

        Output(int partition, PartialSums sums, long readNanos, long msmNanos, String executor, long peakHeap,
                long gcNanos) {
            this.partition = partition;
            this.sums = sums;
            this.readNanos = readNanos;
            this.msmNanos = msmNanos;
            this.executor = executor;
            this.peakHeap = peakHeap;
            this.gcNanos = gcNanos;
        }
    }

    /** The partition's five sums; {@code attempt} is Spark's attempt number (0 first). */
    public Output run(int attempt) throws IOException {
        if (quotient == null) {
            throw new IllegalStateException(describe() + ": no values of A·B − C given");
        }
        return run(attempt, quotient);
    }

    /** As {@link #run(int)}, with the values of A·B − C at H's range (standard form) given here. */
    public Output run(int attempt, long[] quotient) throws IOException {
        if (quotient.length != 4L * count(ranges[KeySlice.H])) {
            throw new IllegalArgumentException(describe() + ": " + quotient.length / 4 + " values of A·B − C");
        }
        long t0 = System.nanoTime(), gc0 = Heap.gcNanos();
        Configuration conf = HadoopSettings.conf(hadoop);
        KeySlice slice;
        int[][] r;
        try (SectionedFile key = SectionedFile.open(HadoopSource.open(keyUri, conf), keyUri, "zkey")) {
            int numPublic = ZkeyFile.counts(key)[1];
            for (int i = 0; i < checkNames.length; i++) {
                String actual = KeyChunks.sha256(key, ZkeyFile.sliceRanges(key, privateC(checkRanges[i], numPublic)));
                if (!actual.equals(checkSha256[i])) {
                    throw new InvalidFileException(keyUri + ": " + checkNames[i] + " is corrupt: SHA-256 " + actual
                            + ", expected " + checkSha256[i]);
                }
            }
            r = privateC(ranges, numPublic);
            slice = ZkeyFile.readSlice(key, r);
        }
        long[][] z = new long[4][];
        if (witness != null) {
            int from = r[KeySlice.A][0];
            z[0] = z[1] = z[2] = witness;
            z[3] = Arrays.copyOfRange(witness, 4 * (r[KeySlice.C][0] - from), 4 * (r[KeySlice.C][1] - from));
        } else {
            try (SectionedFile w = SectionedFile.open(HadoopSource.open(witnessUri, conf), witnessUri, "wtns")) {
                for (int s = KeySlice.A; s <= KeySlice.C; s++) {
                    for (int t = 0; t < s && z[s] == null; t++) {
                        if (Arrays.equals(r[t], r[s])) {
                            z[s] = z[t];
                        }
                    }
                    if (z[s] == null) {
                        z[s] = WtnsFile.readStandardRange(w, r[s][0], r[s][1]);
                    }
                }
            }
        }
        long t1 = System.nanoTime();
        PartialSums sums = slice.sums(z, quotient, phase -> { });
        long t2 = System.nanoTime();
        return new Output(partition, sums, t1 - t0, t2 - t1, ManagementFactory.getRuntimeMXBean().getName(), Heap.peak(),
                Heap.gcNanos() - gc0);
    }

    /** The ranges with C's raised past the public variables (which have no C points). */
    private static int[][] privateC(int[][] ranges, int numPublic) {
        int[][] out = new int[ranges.length][];
        for (int s = 0; s < ranges.length; s++) {
            out[s] = ranges[s].clone();
        }
        int[] c = out[KeySlice.C];
        c[0] = Math.max(c[0], Math.min(c[1], numPublic + 1));
        return out;
    }
}
