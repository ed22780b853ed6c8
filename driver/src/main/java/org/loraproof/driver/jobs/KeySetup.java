package org.loraproof.driver.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.loraproof.circuit.groth16.ProvingKey;
import org.loraproof.circuit.groth16.StreamedSetup;
import org.loraproof.circuit.groth16.ZkeyFile;
import org.loraproof.circuit.r1cs.ConstraintCounter;
import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.driver.spark.SparkStage;
import org.loraproof.executors.SetupPiece;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import org.loraproof.storage.HadoopSource;
import org.loraproof.storage.KeyChunks;

/**
 * A circuit's key, made without holding its constraints or its points: a pass to count the
 * circuit; a pass that accumulates its QAP values at τ and streams {@code circuit.r1cs} and the
 * key's coefficients ({@link StreamedSetup}); the key's pieces as tasks (on Spark, or one after
 * another in this JVM, the same code) that write part files; then this JVM joins the parts into
 * {@code pk/circuit.zkey}, hashing the chunks of its index as the bytes pass, and deletes them. A
 * failed setup leaves no key and no parts.
 */
final class KeySetup {
    /** Points of each kind per piece at most (a piece's task holds about 24 MB of points). */
    static final int PIECE = 1 << 16;

    private KeySetup() {
    }

    /** What a setup made: counts, the key's frame (for its verification key), its chunk index, figures. */
    record Result(int constraints, int variables, int domainSize, ProvingKey frame, KeyChunks index, int pieces,
            long stageNanos, long taskNanos, long peakTaskHeap, int executors) {
    }

    /**
     * Sets up circuit code into dir ({@code circuit.r1cs}, {@code pk/circuit.zkey} and its index);
     * the index is cut at chunkBounds (variables; null: equal chunks). Toxic waste from rng.
     */
    static Result run(ArtifactStore store, String dir, Consumer<ConstraintSystem> circuit, int[] chunkBounds,
            SecureRandom rng, JavaSparkContext sc, Consumer<String> say) throws IOException {
        return run(store, dir, circuit, chunkBounds, rng, sc, say, PIECE);
    }

    /** As above, in pieces of at most piece points of each kind. */
    static Result run(ArtifactStore store, String dir, Consumer<ConstraintSystem> circuit, int[] chunkBounds,
            SecureRandom rng, JavaSparkContext sc, Consumer<String> say, int piece) throws IOException {
        String parts = dir + "pk/.parts-" + java.util.UUID.randomUUID() + "/";
        try {
            return run(store, dir, parts, circuit, chunkBounds, rng, sc, say, piece);
        } finally {
            store.deleteTree(parts);
        }
    }

    private static Result run(ArtifactStore store, String dir, String parts, Consumer<ConstraintSystem> circuit,
            int[] chunkBounds, SecureRandom rng, JavaSparkContext sc, Consumer<String> say, int piece) throws IOException {
        ConstraintCounter counts = StreamedSetup.count(circuit);
        say.accept(String.format("%,d constraints, %,d variables", counts.numConstraints(), counts.numVariables()));
        StreamedSetup[] pass = new StreamedSetup[1];
        List<SetupPiece> tasks = new ArrayList<>();
        List<int[]> cut = new ArrayList<>(); // per piece: {chunk, from, to, hFrom, hTo}
        int[][] chunks;
        ProvingKey frame;
        List<SetupPiece.Output> out;
        long stage;
        try {
            store.write(dir + "circuit.r1cs", r1cs -> pass[0] = StreamedSetup.run(circuit, counts, rng, r1cs, say));
            StreamedSetup s = pass[0];
            frame = s.frame();
            chunks = chunks(s.numVariables(), s.domainSize(), chunkBounds);
            Map<String, String> hadoop = sc == null ? Map.of()
                    : org.loraproof.driver.spark.SparkRuntime.hadoopSettings(sc.getConf());
            for (int k = 0; k < chunks.length; k++) {
                int[] ch = chunks[k];
                int count = Math.max(1, (Math.max(ch[1] - ch[0], ch[3] - ch[2]) + piece - 1) / piece);
                for (int j = 0; j < count; j++) {
                    int[] v = KeyChunks.part(ch[1] - ch[0], j, count), h = KeyChunks.part(ch[3] - ch[2], j, count);
                    int[] p = {k, ch[0] + v[0], ch[0] + v[1], ch[2] + h[0], ch[2] + h[1]};
                    cut.add(p);
                    tasks.add(new SetupPiece(tasks.size(), s.scalars(p[1], p[2], p[3], p[4]), s.windows(),
                            store.resolve(parts + "piece-" + tasks.size() + ".bin").toString(), hadoop));
                }
            }
            s.forgetScalars(); // the pieces hold them now
            say.accept(String.format("the key's %,d G1 and %,d G2 points in %d pieces%s",
                    3L * s.numVariables() + s.domainSize() - s.numPublic() - 1, s.numVariables(), tasks.size(),
                    sc == null ? "" : " on " + sc.master()));
            long t0 = System.nanoTime();
            out = SparkStage.run(sc, tasks, new SparkStage.RunPiece(), "piece", every(tasks.size(), say));
            stage = System.nanoTime() - t0;
        } catch (Throwable e) {
            if (pass[0] != null) {
                pass[0].close();
            }
            throw e;
        } finally {
            tasks.forEach(SetupPiece::forget);
        }
        StreamedSetup s = pass[0];
        int nVars = s.numVariables(), nPub = s.numPublic(), n = s.domainSize();
        say.accept("joining the pieces into pk/circuit.zkey, the coefficients from another pass over the circuit");
        // each chunk's digest over its five ranges, and one over each range
        MessageDigest[] digests = new MessageDigest[chunks.length];
        MessageDigest[][] sectionDigests = new MessageDigest[chunks.length][5];
        for (int k = 0; k < digests.length; k++) {
            digests[k] = Artifacts.sha256Digest();
            for (int i = 0; i < 5; i++) {
                sectionDigests[k][i] = Artifacts.sha256Digest();
            }
        }
        long[] keyBytes = {0};
        long[] chunkBytes = new long[chunks.length];
        try (s) {
            store.write(dir + "pk/circuit.zkey", raw -> {
                ZkeyFile.Body[] sections = new ZkeyFile.Body[5];
                for (int i = 0; i < 5; i++) {
                    int section = i;
                    sections[i] = o -> {
                        for (int p = 0; p < out.size(); p++) {
                            long[] len = out.get(p).lengths;
                            long at = 0;
                            for (int x = 0; x < section; x++) {
                                at += len[x];
                            }
                            int chunk = cut.get(p)[0];
                            chunkBytes[chunk] += len[section];
                            copy(store.resolve(parts + "piece-" + p + ".bin").toString(), store, at, len[section], o,
                                    digests[chunk], sectionDigests[chunk][section]);
                        }
                    };
                }
                keyBytes[0] = ZkeyFile.write(frame, s.numCoefficients(), o -> s.writeCoefficients(circuit, o), sections,
                        raw);
            });
        }
        List<KeyChunks.Chunk> index = new ArrayList<>();
        for (int k = 0; k < chunks.length; k++) {
            int[] ch = chunks[k];
            List<String> sections = new ArrayList<>();
            for (MessageDigest d : sectionDigests[k]) {
                sections.add(HexFormat.of().formatHex(d.digest()));
            }
            index.add(new KeyChunks.Chunk(k, ch[0], ch[1], ch[2], ch[3], chunkBytes[k],
                    HexFormat.of().formatHex(digests[k].digest()), sections));
        }
        KeyChunks keyIndex = new KeyChunks(nVars, nPub, n, keyBytes[0], index);
        store.write(dir + "pk/circuit.zkey.index.json", keyIndex.toJson());
        long taskNanos = 0, peak = 0;
        java.util.Set<String> jvms = new java.util.HashSet<>();
        for (SetupPiece.Output o : out) {
            taskNanos += o.nanos;
            peak = Math.max(peak, o.peakHeap);
            jvms.add(o.executor);
        }
        return new Result(s.numConstraints(), nVars, n, frame, keyIndex, tasks.size(), stage, taskNanos, peak,
                jvms.size());
    }

    /** Per chunk {from, to, hFrom, hTo}: variables at the bounds given (or the default equal chunks). */
    private static int[][] chunks(int nVars, int n, int[] bounds) {
        return KeyChunks.cut(nVars, n, bounds != null ? bounds : KeyChunks.equalBounds(nVars, KeyChunks.defaultChunks(n)));
    }

    /** Copies length bytes of the file at uri from offset to out, 4 MiB at a time, into the digests too. */
    private static void copy(String uri, ArtifactStore store, long offset, long length, OutputStream out,
            MessageDigest... digests) throws IOException {
        try (HadoopSource in = HadoopSource.open(uri, store.conf())) {
            long end = offset + length;
            if (end > in.size()) {
                throw new IOException(uri + " is shorter than its task reported");
            }
            byte[] buf = new byte[(int) Math.min(4 << 20, Math.max(1, end - offset))];
            for (long at = offset; at < end; ) {
                int len = (int) Math.min(buf.length, end - at);
                in.readFully(at, buf, 0, len);
                out.write(buf, 0, len);
                for (MessageDigest d : digests) {
                    d.update(buf, 0, len);
                }
                at += len;
            }
        }
    }

    /** Passes on about twenty of a stage's progress lines, and every failure. */
    private static Consumer<String> every(int total, Consumer<String> say) {
        int step = Math.max(1, total / 20);
        int[] seen = {0};
        return m -> {
            if (m.contains("failed") || ++seen[0] % step == 0 || seen[0] == total) {
                say.accept("  " + m);
            }
        };
    }
}
