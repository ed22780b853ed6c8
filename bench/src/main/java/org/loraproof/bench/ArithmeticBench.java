package org.loraproof.bench;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.loraproof.circuit.bn254.FieldLanes;
import org.loraproof.circuit.bn254.Fp;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.G1Point;
import org.loraproof.circuit.bn254.G2Point;
import org.loraproof.circuit.bn254.JacobianCurve;
import org.loraproof.circuit.bn254.MontgomeryField;
import org.loraproof.circuit.bn254.Simd;
import org.loraproof.circuit.bn254.Pairing;
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
 * BN254 arithmetic on one thread: field multiplication and inversion, G1/G2 point additions,
 * pairings. Loops of dependent operations, so figures are per-operation latency.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// three JVMs, so that one JVM's compilation does not decide the figure (-f 1 for a quick look)
@Fork(value = 3, jvmArgs = {"--add-modules", "jdk.incubator.vector"})
public class ArithmeticBench {
    private static final int N = 1000;

    private final long[] fa = new long[4];
    private final long[] fb = new long[4];
    private final long[] ra = new long[4];
    private final long[] rb = new long[4];
    private final long[] laneA = new long[64 * 40], laneB = new long[64 * 40], laneScratch = new long[160];
    private JacobianCurve g1;
    private JacobianCurve g2;
    private final long[] g1Acc = new long[12];
    private final long[] g1Base = new long[8];
    private final long[] g2Acc = new long[24];
    private final long[] g2Base = new long[16];
    private G1Point p;
    private G2Point q;
    private List<G1Point> ps;
    private List<G2Point> qs;

    @Setup
    public void setup() {
        for (int i = 0; i < laneA.length; i++) {
            laneA[i] = (i * 0x9E3779B97F4A7C15L) >>> 13;
            laneB[i] = (i * 0xC2B2AE3D27D4EB4FL) >>> 13;
        }
        SplittableRandom rng = new SplittableRandom(1);
        Fp.random(rng).writeLimbs(fa, 0);
        Fp.random(rng).writeLimbs(fb, 0);
        Fr.random(rng).writeLimbs(ra, 0);
        Fr.random(rng).writeLimbs(rb, 0);
        g1 = JacobianCurve.g1();
        g2 = JacobianCurve.g2();
        G1Point.GENERATOR.mul(BigInteger.valueOf(12345)).writeLimbs(g1Base, 0);
        g1.fromAffine(g1Acc, 0, g1Base, 0);
        g1.dbl(g1Acc, 0, g1Acc, 0);
        G2Point.GENERATOR.mul(BigInteger.valueOf(12345)).writeLimbs(g2Base, 0);
        g2.fromAffine(g2Acc, 0, g2Base, 0);
        g2.dbl(g2Acc, 0, g2Acc, 0);
        p = G1Point.GENERATOR.mul(BigInteger.valueOf(rng.nextLong() & Long.MAX_VALUE));
        q = G2Point.GENERATOR.mul(BigInteger.valueOf(rng.nextLong() & Long.MAX_VALUE));
        G1Point p2 = p.dbl();
        // e(p, q)·e(−p, q)·e(2p, q)·e(−2p, q) = 1: a four-pair check that holds.
        ps = List.of(p, p.neg(), p2, p2.neg());
        qs = List.of(q, q, q, q);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] fpMul() {
        for (int i = 0; i < N; i++) {
            MontgomeryField.FP.mul(fa, 0, fa, 0, fb, 0);
        }
        return fa;
    }

    /** Eight independent products per call (one per lane), 64 calls: each operation is one product. */
    @Benchmark
    @OperationsPerInvocation(8 * 64)
    public long[] fpMulLanes() {
        if (!Simd.ENABLED) {
            throw new IllegalStateException("no vector kernels here");
        }
        for (int b = 0; b < 64; b++) {
            FieldLanes.FP.mul(laneA, b * FieldLanes.BLOCK, laneA, b * FieldLanes.BLOCK, laneB, b * FieldLanes.BLOCK, laneScratch);
        }
        return laneA;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] frMul() {
        for (int i = 0; i < N; i++) {
            MontgomeryField.FR.mul(ra, 0, ra, 0, rb, 0);
        }
        return ra;
    }

    @Benchmark
    public long[] frInverse() {
        MontgomeryField.FR.inverse(ra, 0, ra, 0);
        return ra;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] g1MixedAdd() {
        for (int i = 0; i < N; i++) {
            g1.addMixed(g1Acc, 0, g1Acc, 0, g1Base, 0);
        }
        return g1Acc;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] g1Double() {
        for (int i = 0; i < N; i++) {
            g1.dbl(g1Acc, 0, g1Acc, 0);
        }
        return g1Acc;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] g2MixedAdd() {
        for (int i = 0; i < N; i++) {
            g2.addMixed(g2Acc, 0, g2Acc, 0, g2Base, 0);
        }
        return g2Acc;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object pairing() {
        return Pairing.pair(p, q);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean pairingCheck4() {
        return Pairing.check(ps, qs);
    }
}
