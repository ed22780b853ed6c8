package org.loraproof.bench;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.loraproof.circuit.bn254.Bn254;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.G1Point;
import org.loraproof.circuit.bn254.G2Point;
import org.loraproof.circuit.bn254.JacobianCurve;
import org.loraproof.circuit.bn254.MontgomeryField;
import org.loraproof.circuit.fft.Fft;
import org.loraproof.circuit.msm.PippengerMsm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The prover's kernels on all cores: G1/G2 MSM over random or 0/1-heavy scalars, and the FFT.
 * Run with {@code bin/bench KernelBench}; the point additions of each MSM are printed at the end
 * of each trial so that additions × mixed-add cost can be compared with the time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
// three JVMs, so that one JVM's compilation does not decide the figure
@Fork(value = 3, jvmArgs = {"-Xmx16g", "--add-modules", "jdk.incubator.vector"})
public class KernelBench {
    @Param({"16", "18", "20"})
    public int logN;

    @Param({"random", "bits"})
    public String scalars;

    private long[] g1Bases;
    private long[] g2Bases;
    private long[] scalarLimbs;
    private long[] fftData;
    private PippengerMsm g1;
    private PippengerMsm g2;

    @Setup(Level.Trial)
    public void setup() {
        int n = 1 << logN;
        SplittableRandom rng = new SplittableRandom(logN);
        g1Bases = points(n, false);
        g2Bases = logN <= 16 ? points(n, true) : null;
        scalarLimbs = new long[4 * n];
        for (int i = 0; i < n; i++) {
            BigInteger k = scalars.equals("random") ? new BigInteger(254, new java.util.Random(rng.nextLong())).mod(Bn254.R)
                    // witness-like: 90% bits, 10% random field elements
                    : rng.nextInt(10) == 0 ? new BigInteger(254, new java.util.Random(rng.nextLong())).mod(Bn254.R)
                    : BigInteger.valueOf(rng.nextInt(2));
            System.arraycopy(MontgomeryField.limbsOf(k), 0, scalarLimbs, 4 * i, 4);
        }
        fftData = new long[4 * n];
        for (int i = 0; i < n; i++) {
            Fr.random(rng).writeLimbs(fftData, 4 * i);
        }
        g1 = PippengerMsm.g1();
        g2 = PippengerMsm.g2();
    }

    /** n distinct points: consecutive multiples of a random point (cheap to make). */
    private static long[] points(int n, boolean twist) {
        JacobianCurve c = twist ? JacobianCurve.g2() : JacobianCurve.g1();
        int aw = c.affineWidth(), jw = c.jacobianWidth();
        long[] base = new long[aw];
        if (twist) {
            G2Point.GENERATOR.mul(BigInteger.valueOf(0x5eed)).writeLimbs(base, 0);
        } else {
            G1Point.GENERATOR.mul(BigInteger.valueOf(0x5eed)).writeLimbs(base, 0);
        }
        long[] jac = new long[n * jw];
        c.fromAffine(jac, 0, base, 0);
        for (int i = 1; i < n; i++) {
            c.addMixed(jac, i * jw, jac, (i - 1) * jw, base, 0);
        }
        long[] out = new long[n * aw];
        c.batchToAffine(jac, 0, n, out, 0);
        return out;
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf("%n[additions] G1 2^%d %s: %d%n", logN, scalars, g1.lastAdditions());
        if (g2Bases != null) {
            System.out.printf("[additions] G2 2^%d %s: %d%n", logN, scalars, g2.lastAdditions());
        }
    }

    @Benchmark
    public long[] g1Msm() {
        return g1.msm(g1Bases, scalarLimbs);
    }

    @Benchmark
    public long[] g2Msm() {
        if (g2Bases == null) {
            return null;
        }
        return g2.msm(g2Bases, scalarLimbs);
    }

    @Benchmark
    public long[] fft() {
        if (!scalars.equals("random")) {
            return null;
        }
        Fft.ofLogSize(logN).forward(fftData);
        return fftData;
    }
}
