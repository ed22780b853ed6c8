package org.loraproof.circuit.bn254;

/**
 * Whether the 512-bit vector kernels ({@link FpLanes}) are used. They need the incubating module
 * {@code jdk.incubator.vector} (the launchers pass {@code --add-modules jdk.incubator.vector}) and a
 * CPU whose preferred vectors are 512 bits wide (AVX-512); otherwise, or with
 * {@code -Dloraproof.simd=false}, the scalar code runs. Both give identical results.
 */
public final class Simd {
    /** True when the vector kernels are available and not disabled. */
    public static final boolean ENABLED = detect();

    private Simd() {
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
