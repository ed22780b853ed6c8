package org.loraproof.circuit.r1cs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.bn254.Fr;

/** Remembered evaluations give what evaluating afresh gives, over a random sequence with repeats. */
class AssignmentTest {
    @Test
    void rememberedValuesMatchFreshEvaluation() {
        SplittableRandom rng = new SplittableRandom(7);
        Assignment z = new Assignment();
        int vars = 40;
        for (int v = 1; v < vars; v++) {
            long value = rng.nextLong(1, Long.MAX_VALUE);
            z.assign(v, "v" + v, () -> Fr.of(value));
        }
        LinearCombination[] pool = new LinearCombination[12];
        for (int i = 0; i < pool.length; i++) {
            LinearCombination lc = LinearCombination.ZERO;
            int terms = 1 + rng.nextInt(8); // short ones are never remembered, long ones are
            for (int k = 0; k < terms; k++) {
                lc = lc.add(LinearCombination.variable(rng.nextInt(vars)).scale(rng.nextLong(1, 1000)));
            }
            pool[i] = lc;
        }
        long[] full = z.copy(vars), got = new long[4], want = new long[4], tmp = new long[4];
        for (int step = 0; step < 2000; step++) {
            // mostly the last few, as circuit code does, sometimes any
            LinearCombination lc = pool[rng.nextInt(4) == 0 ? rng.nextInt(pool.length) : step % 5];
            z.evaluate(lc, got);
            lc.evaluate(full, want, 0, tmp);
            assertEquals(Fr.fromLimbs(want, 0), Fr.fromLimbs(got, 0), "step " + step + ": " + lc);
        }
    }
}
