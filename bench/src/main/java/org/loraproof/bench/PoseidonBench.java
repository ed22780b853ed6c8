package org.loraproof.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.Simd;
import org.loraproof.circuit.poseidon.Poseidon;
import org.loraproof.circuit.poseidon.PoseidonLanes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Native Poseidon(2) hashes per second on one thread (the Merkle inner node): one at a time, and
 * 64 at a time on the eight-lane kernels (each operation there is one hash).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// three JVMs, so that one JVM's compilation does not decide the figure (-f 1 for a quick look)
@Fork(value = 3, jvmArgs = {"--add-modules", "jdk.incubator.vector"})
public class PoseidonBench {
    private final Poseidon poseidon = new Poseidon(2);
    private final long[] in = new long[8];
    private final long[] out = new long[4];
    private PoseidonLanes lanes;
    private final long[] many = new long[8 * 64];
    private final long[] manyOut = new long[4 * 64];

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(3);
        Fr.random(rng).writeLimbs(in, 0);
        Fr.random(rng).writeLimbs(in, 4);
        for (int k = 0; k < 128; k++) {
            Fr.random(rng).writeLimbs(many, 4 * k);
        }
        lanes = Simd.ENABLED ? new PoseidonLanes(2) : null;
    }

    @Benchmark
    public long[] poseidon2() {
        poseidon.hash(in, 0, out, 0);
        System.arraycopy(out, 0, in, 0, 4);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public long[] poseidon2Lanes() {
        if (lanes == null) {
            throw new IllegalStateException("no vector kernels: run with --add-modules jdk.incubator.vector on AVX-512");
        }
        lanes.hashAll(many, 0, 64, manyOut, 0);
        System.arraycopy(manyOut, 0, many, 0, 4 * 64);
        return manyOut;
    }
}
