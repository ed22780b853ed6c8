package org.loraproof.circuit.bn254;

/**
 * Whether the 512-bit vector kernels ({@link FieldLanes}) are used. They need the incubating module
 * {@code jdk.incubator.vector} (the launchers pass {@code --add-modules jdk.incubator.vector}) and a
 * CPU whose preferred vectors are 512 bits wide (AVX-512); otherwise, or with
 * {@code -Dloraproof.simd=false}, the scalar code runs. Both give identical results.
 */
public final class Simd {
    /** True when the vector kernels are available and not disabled. */
    public static final boolean ENABLED = detect();

    /** False while a warm-up is having the kernels compiled (see {@link #warm()}). */
    private static volatile boolean warm = true;

    private Simd() {
    }

    /**
     * Whether batch code should take the vector kernels now: {@link #ENABLED} and no warm-up in
     * progress. Until the JIT has compiled them the kernels are a hundred times slower than the
     * scalar code, so conversions and FFTs that run while a warm-up is under way take their scalar
     * path (same results) and leave the compiler to the kernels.
     */
    public static boolean warm() {
        return ENABLED && warm;
    }

    private static final Object WARM_UP = new Object();
    /** True once a warm-up has run in this JVM. */
    private static volatile boolean warmedUp;

    /**
     * Runs the kernels until they are compiled (an iteration under two microseconds) or for at most
     * five seconds; meanwhile {@link #warm()} is false. Once per JVM (a second call returns at once,
     * or waits for one under way); a no-op when not {@link #ENABLED}.
     */
    public static void warmUp() {
        if (!ENABLED) {
            return;
        }
        synchronized (WARM_UP) {
            if (warmedUp) {
                return;
            }
            warm = false;
            try {
                Warm.run(5_000_000_000L);
            } finally {
                warm = true;
                warmedUp = true;
            }
        }
    }

    /**
     * {@link #warmUp} unless it has run, for code about to lean on the kernels. Compiled on one
     * quiet thread, the kernels came out right in every trial; compiled first inside a
     * multi-threaded MSM, C2 now and then left out some vector intrinsics and that JVM's MSMs ran
     * twice as slow (docs/performance.md, "Speed: the vector kernels").
     */
    public static void ensureWarmedUp() {
        if (ENABLED && !warmedUp) {
            warmUp();
        }
    }

    private static boolean detect() {
        if (!Boolean.parseBoolean(System.getProperty("loraproof.simd", "true"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return Wide.preferredBits() >= 512;
        } catch (LinkageError e) {
            return false;
        }
    }

    /** Touches the vector module only when it is present. */
    private static final class Wide {
        static int preferredBits() {
            return jdk.incubator.vector.LongVector.SPECIES_PREFERRED.vectorBitSize();
        }
    }

    /** Touches the kernels only when they are enabled. */
    private static final class Warm {
        /** Rounds of 256 iterations until one is fast, for at most budget nanoseconds. */
        static void run(long budget) {
            int b = FieldLanes.BLOCK;
            FieldLanes f = FieldLanes.FP;
            long[] x = new long[4 * b], y = new long[6 * b];
            long[] s = new long[Math.max(FieldLanes.INVERSE_SCRATCH, Fp2Lanes.FIELD.scratch())];
            long[] sign = new long[FieldLanes.LANES], z = new long[b];
            for (int i = 0; i < x.length; i++) {
                x[i] = (i * 0x9E3779B97F4A7C15L) >>> 13;
            }
            for (int j = 0; j < sign.length; j++) {
                sign[j] = -(j & 1);
            }
            long start = System.nanoTime();
            for (int round = 0; ; round++) {
                long t = System.nanoTime();
                for (int i = 0; i < 256; i++) {
                    f.mul(x, 0, x, b, x, 2 * b, s);
                    f.sub(x, b, x, 0, x, 3 * b, 4);
                    f.add(x, 2 * b, x, 0, x, b);
                    f.canonical(x, b);
                    f.square(x, 2 * b, x, 0, s);
                    if ((i & 3) == 0) {
                        Fp2Lanes.FIELD.mul(y, 0, y, 2 * b, y, 4 * b, s);
                        Fp2Lanes.FIELD.sub(y, 2 * b, y, 0, y, 4 * b, 2);
                        Fp2Lanes.FIELD.square(y, 4 * b, y, 0, s);
                        f.subSigned(z, 0, x, 0, x, 2 * b, sign, 0); // the batched additions' numerators
                    }
                }
                long now = System.nanoTime();
                if ((round >= 4 && now - t < 256 * 2_000L) || now - start > budget) {
                    break;
                }
            }
            f.inverse(x, 0, x, b, s);
            Fp2Lanes.FIELD.inverse(y, 0, y, 2 * b, s);
        }
    }
}
