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

    private static final java.util.concurrent.atomic.AtomicBoolean WARMING = new java.util.concurrent.atomic.AtomicBoolean();

    private Simd() {
    }

    /**
     * Starts, once per process, a short background run of the vector kernels so that the JIT
     * compiles them while the caller reads its inputs: until compiled they run a hundred times
     * slower. Call it first thing in a command that will prove. A no-op when not {@link #ENABLED}.
     * The launchers also lower these classes' compile thresholds
     * ({@code -XX:CompileCommand=CompileThresholdScaling,...}).
     */
    public static void warmUpAsync() {
        if (!ENABLED || !WARMING.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(Warm::run, "loraproof-simd-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Touches the kernels only when they are enabled. */
    private static final class Warm {
        static void run() {
            int b = FieldLanes.BLOCK;
            long[] x = new long[4 * b], y = new long[6 * b];
            long[] s = new long[Math.max(FieldLanes.INVERSE_SCRATCH, Fp2Lanes.FIELD.scratch())];
            for (int i = 0; i < x.length; i++) {
                x[i] = (i * 0x9E3779B97F4A7C15L) >>> 13;
            }
            for (int i = 0; i < 4000; i++) {
                FieldLanes.FP.mul(x, 0, x, b, x, 2 * b, s);
                FieldLanes.FP.sub(x, b, x, 0, x, 3 * b, 4);
                FieldLanes.FP.add(x, 2 * b, x, 0, x, b);
                FieldLanes.FP.canonical(x, b);
                if ((i & 3) == 0) {
                    Fp2Lanes.FIELD.mul(y, 0, y, 2 * b, y, 4 * b, s);
                    Fp2Lanes.FIELD.sub(y, 2 * b, y, 0, y, 4 * b, 2);
                }
            }
            FieldLanes.FP.inverse(x, 0, x, b, s);
            Fp2Lanes.FIELD.inverse(y, 0, y, 2 * b, s);
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
}
