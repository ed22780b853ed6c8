package org.loraproof.executors;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.loraproof.circuit.groth16.Groth16Setup;
import org.loraproof.circuit.groth16.StreamedSetup;
import org.loraproof.circuit.msm.FixedBaseTable;
import org.loraproof.storage.ArtifactStore;

/**
 * One piece of a proving key as a task: the fixed-base multiplications of its variables' and
 * domain positions' scalars into the key's points ({@link StreamedSetup#points}), written as one
 * part file (A, B in G1, B in G2, C, H, as the key stores them), atomically. The scalars are
 * secret: they travel in the task, are never written, and are overwritten once used. A retried
 * task writes the same bytes. The generator tables are made once per JVM.
 */
public final class SetupPiece implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<Integer, FixedBaseTable> TABLES = new ConcurrentHashMap<>();

    final int piece;
    final long[] a, b, c, h;
    final int g1Window, g2Window;
    final String partUri;
    final String[] hadoop;

    /** scalars as {@link StreamedSetup#scalars} gives them; the part file goes to partUri. */
    public SetupPiece(int piece, long[][] scalars, int[] windows, String partUri, Map<String, String> hadoop) {
        this.piece = piece;
        this.a = scalars[0];
        this.b = scalars[1];
        this.c = scalars[2];
        this.h = scalars[3];
        this.g1Window = windows[0];
        this.g2Window = windows[1];
        this.partUri = partUri;
        this.hadoop = HadoopSettings.flatten(hadoop);
    }

    public int piece() {
        return piece;
    }

    /** What a piece returns: the byte lengths of its five sections in its part file, its time and JVM. */
    public static final class Output implements Serializable {
        private static final long serialVersionUID = 1L;

        public final int piece;
        public final long[] lengths;
        public final long nanos;
        public final String executor;
        public final long peakHeap;

        Output(int piece, long[] lengths, long nanos, String executor, long peakHeap) {
            this.piece = piece;
            this.lengths = lengths;
            this.nanos = nanos;
            this.executor = executor;
            this.peakHeap = peakHeap;
        }
    }

    public Output run() throws IOException {
        long t0 = System.nanoTime();
        // each attempt works on its own deserialized copy of the scalars, overwritten once used
        byte[][] sections = StreamedSetup.points(new long[][] {a, b, c, h}, table(false, g1Window), table(true, g2Window));
        long[] lengths = new long[sections.length];
        for (int i = 0; i < sections.length; i++) {
            lengths[i] = sections[i].length;
        }
        ArtifactStore.writeUri(partUri, HadoopSettings.conf(hadoop), out -> {
            for (byte[] s : sections) {
                out.write(s);
            }
        });
        return new Output(piece, lengths, System.nanoTime() - t0, ManagementFactory.getRuntimeMXBean().getName(),
                Heap.peak());
    }

    /** Overwrites the scalars this task carries (the driver's copy, once the stage is done). */
    public void forget() {
        for (long[] x : new long[][] {a, b, c, h}) {
            Arrays.fill(x, 0L);
        }
    }

    private static FixedBaseTable table(boolean g2, int window) {
        return TABLES.computeIfAbsent(g2 ? -window : window,
                w -> g2 ? Groth16Setup.g2Table(window) : Groth16Setup.g1Table(window));
    }
}
