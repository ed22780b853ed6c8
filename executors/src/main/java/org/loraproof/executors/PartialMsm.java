package org.loraproof.executors;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.Serializable;
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
 * One partition of a distributed Groth16 proof: the executor reads its own slice of the key
 * (variables [from, to), domain [hFrom, hTo)) and its witness segment through Hadoop's
 * FileSystem by positioned reads, checks the slice against the chunk's SHA-256 when the key has
 * an index, and runs the serial prover's kernel on it ({@link KeySlice#sums}). The values of
 * A·B − C for its domain range come from the quotient's last exchange ({@link QuotientTasks.Msm}),
 * or with the task when the driver computed them.
 */
public final class PartialMsm implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final String keyUri;
    /** Where the executor reads its witness segment, or null when the segment comes with the task. */
    final String witnessUri;
    /** The witness segment (standard form) when the driver synthesized the witness itself, else null. */
    final long[] witness;
    final int from, to, hFrom, hTo;
    /** The chunk's expected SHA-256, or null for a key without an index (a bare snarkjs .zkey). */
    final String sha256;
    /** A·B − C on the coset at [hFrom, hTo), standard form; null when it comes from the quotient's stages. */
    final long[] quotient;
    /** The job's {@code spark.hadoop.*} settings without the prefix (S3 endpoints, credentials), as key, value, … */
    final String[] hadoop;

    /** The domain range the checksum covers with the variables (the chunk's), when it is not the one computed. */
    int checkHFrom = -1, checkHTo = -1;

    /**
     * Checks {@code sha256} over this task's variables and domain positions [hFrom, hTo) of its
     * chunk, while it computes over other domain positions (none, for a batch whose H waits for the
     * quotient); returns this task.
     */
    public PartialMsm checkedWithDomain(int hFrom, int hTo) {
        this.checkHFrom = hFrom;
        this.checkHTo = hTo;
        return this;
    }

    public PartialMsm(int partition, String keyUri, String witnessUri, long[] witness, int from, int to, int hFrom,
            int hTo, String sha256, long[] quotient, Map<String, String> hadoop) {
        this(partition, keyUri, witnessUri, witness, from, to, hFrom, hTo, sha256, quotient,
                HadoopSettings.flatten(hadoop));
    }

    private PartialMsm(int partition, String keyUri, String witnessUri, long[] witness, int from, int to, int hFrom,
            int hTo, String sha256, long[] quotient, String[] hadoop) {
        if (quotient != null && quotient.length != 4 * (hTo - hFrom) || (witnessUri == null) == (witness == null)
                || witness != null && witness.length != 4 * (to - from)) {
            throw new IllegalArgumentException("witness or quotient values do not match the ranges");
        }
        this.witness = witness;
        this.partition = partition;
        this.keyUri = keyUri;
        this.witnessUri = witnessUri;
        this.from = from;
        this.to = to;
        this.hFrom = hFrom;
        this.hTo = hTo;
        this.sha256 = sha256;
        this.quotient = quotient;
        this.hadoop = hadoop;
    }

    public int partition() {
        return partition;
    }

    public int hFrom() {
        return hFrom;
    }

    public int hTo() {
        return hTo;
    }

    /** This task with the values of A·B − C at [hFrom, hTo) (standard form) to carry. */
    public PartialMsm withQuotient(long[] values) {
        PartialMsm t = new PartialMsm(partition, keyUri, witnessUri, witness, from, to, hFrom, hTo, sha256, values,
                hadoop);
        t.checkHFrom = checkHFrom;
        t.checkHTo = checkHTo;
        return t;
    }

    /** What errors and progress call this partition's part of the key. */
    public String describe() {
        return "chunk " + partition + " (variables " + from + "–" + to + ", domain "
                + (checkHFrom >= 0 ? checkHFrom + "–" + checkHTo : hFrom + "–" + hTo) + ")";
    }

    /** What a partition returns: its sums, and what it took on which executor JVM. */
    public static final class Output implements Serializable {
        private static final long serialVersionUID = 1L;

        public final int partition;
        public final PartialSums sums;
        /** Reading (and checking) the key slice and the witness segment; the five MSMs. */
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

    /** As {@link #run(int)}, with the values of A·B − C at [hFrom, hTo) (standard form) given here. */
    public Output run(int attempt, long[] quotient) throws IOException {
        if (quotient.length != 4 * (hTo - hFrom)) {
            throw new IllegalArgumentException(describe() + ": " + quotient.length / 4 + " values of A·B − C");
        }
        long t0 = System.nanoTime(), gc0 = Heap.gcNanos();
        Configuration conf = HadoopSettings.conf(hadoop);
        KeySlice slice;
        try (SectionedFile key = SectionedFile.open(HadoopSource.open(keyUri, conf), keyUri, "zkey")) {
            if (sha256 != null) {
                String actual = KeyChunks.sha256(key, ZkeyFile.sliceRanges(key, from, to,
                        checkHFrom >= 0 ? checkHFrom : hFrom, checkHFrom >= 0 ? checkHTo : hTo));
                if (!actual.equals(sha256)) {
                    throw new InvalidFileException(keyUri + ": " + describe() + " is corrupt: SHA-256 " + actual
                            + ", expected " + sha256);
                }
            }
            slice = ZkeyFile.readSlice(key, from, to, hFrom, hTo);
        }
        long[] z = witness;
        if (z == null) {
            try (SectionedFile w = SectionedFile.open(HadoopSource.open(witnessUri, conf), witnessUri, "wtns")) {
                z = WtnsFile.readStandardRange(w, from, to);
            }
        }
        long t1 = System.nanoTime();
        PartialSums sums = slice.sums(z, quotient, phase -> { });
        long t2 = System.nanoTime();
        return new Output(partition, sums, t1 - t0, t2 - t1, ManagementFactory.getRuntimeMXBean().getName(), Heap.peak(),
                Heap.gcNanos() - gc0);
    }
}
