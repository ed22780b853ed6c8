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

    private Simd() {
    }

    /**
     * Runs the vector kernels briefly so that the JIT compiles them (until then they are a hundred
     * times slower); see {@code org.loraproof.circuit.WarmUp}. A no-op when not {@link #ENABLED}.
     */
    public static void exerciseKernels() {
        if (ENABLED) {
            Warm.run();
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
        static void run() {
            int b = FieldLanes.BLOCK;
            FieldLanes f = FieldLanes.FP;
            long[] x = new long[4 * b], y = new long[6 * b];
            long[] s = new long[Math.max(FieldLanes.INVERSE_SCRATCH, Fp2Lanes.FIELD.scratch())];
            for (int i = 0; i < x.length; i++) {
                x[i] = (i * 0x9E3779B97F4A7C15L) >>> 13;
            }
            for (int i = 0; i < 4000; i++) {
                f.mul(x, 0, x, b, x, 2 * b, s);
                f.sub(x, b, x, 0, x, 3 * b, 4);
                f.add(x, 2 * b, x, 0, x, b);
                f.canonical(x, b);
                if ((i & 3) == 0) {
                    Fp2Lanes.FIELD.mul(y, 0, y, 2 * b, y, 4 * b, s);
                    Fp2Lanes.FIELD.sub(y, 2 * b, y, 0, y, 4 * b, 2);
                }
            }
            f.inverse(x, 0, x, b, s);
            Fp2Lanes.FIELD.inverse(y, 0, y, 2 * b, s);
        }
    }
}
