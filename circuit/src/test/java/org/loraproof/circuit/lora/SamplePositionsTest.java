package org.loraproof.circuit.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** k for a detection goal: the smallest k with 1 − (1 − ε)^k ≥ p, checked against a count. */
class SamplePositionsTest {
    /** The naive reference: count up. */
    private static int counted(double epsilon, double p) {
        int k = 1;
        while (1 - Math.pow(1 - epsilon, k) < p) {
            k++;
        }
        return k;
    }

    @Test
    void theSmallestKThatMeetsTheGoal() {
        assertEquals(459, SamplePositions.samplesFor(0.01, 0.99));
        assertEquals(32, SamplePositions.samplesFor(0.05, 0.8));
        for (double epsilon : new double[] {0.5, 0.1, 0.05, 0.01, 0.001, 1e-4}) {
            for (double p : new double[] {0.01, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999}) {
                int k = SamplePositions.samplesFor(epsilon, p);
                assertEquals(counted(epsilon, p), k, epsilon + ":" + p);
                assertTrue(SamplePositions.detectionProbability(k, epsilon) >= p);
            }
        }
        for (double[] bad : new double[][] {{0, 0.5}, {1, 0.5}, {0.1, 1}, {0.1, 0}, {-0.1, 0.5}, {Double.NaN, 0.5}}) {
            assertThrows(IllegalArgumentException.class, () -> SamplePositions.samplesFor(bad[0], bad[1]));
        }
    }
}
