package org.loraproof.circuit.groth16;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Randomness for tests that compare two setups: the same stream from the same seed. */
public final class TestRandomness {
    private TestRandomness() {
    }

    /** A generator seeded before first use, so it repeats its stream (tests only: toxic waste from it is anyone's). */
    public static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
