package org.loraproof.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.poseidon.Poseidon;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Native Poseidon(2) hashes per second on one thread (the Merkle inner node). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoseidonBench {
    private final Poseidon poseidon = new Poseidon(2);
    private final long[] in = new long[8];
    private final long[] out = new long[4];

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(3);
        Fr.random(rng).writeLimbs(in, 0);
        Fr.random(rng).writeLimbs(in, 4);
    }

    @Benchmark
    public long[] poseidon2() {
        poseidon.hash(in, 0, out, 0);
        System.arraycopy(out, 0, in, 0, 4);
        return out;
    }
}
