package org.loraproof.circuit.lora;

import java.math.BigInteger;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.poseidon.Poseidon;

/**
 * The positions a lora-merge proof opens, derived (natively, as the circuit does) from the
 * commitments and the nonce: seed = Poseidon(C_base, C_eff, C_A, C_B, nonce), h_t = Poseidon(seed, t),
 * i = (bits 0–63 of h_t) mod d_out, j = (bits 64–127 of h_t) mod d_in.
 */
public final class SamplePositions {
    private SamplePositions() {
    }

    public static Fr seed(Fr cBase, Fr cEff, Fr cA, Fr cB, Fr nonce) {
        return Poseidon.hash(cBase, cEff, cA, cB, nonce);
    }

    /** {i, j} of sample t. */
    public static int[] position(Fr seed, int t, int dOut, int dIn) {
        BigInteger h = Poseidon.hash(seed, Fr.of(t)).toBigInteger();
        long lo = h.longValue(), hi = h.shiftRight(64).longValue();
        return new int[] {(int) Long.remainderUnsigned(lo, dOut), (int) Long.remainderUnsigned(hi, dIn)};
    }

    /** The probability that k samples catch a fraction ε of wrong entries: 1 − (1 − ε)^k. */
    public static double detectionProbability(int k, double epsilon) {
        return 1 - Math.pow(1 - epsilon, k);
    }

    /** The smallest k with 1 − (1 − ε)^k ≥ p, for 0 &lt; ε &lt; 1 and 0 &lt; p &lt; 1. */
    public static int samplesFor(double epsilon, double p) {
        if (!(epsilon > 0 && epsilon < 1 && p > 0 && p < 1)) {
            throw new IllegalArgumentException("ε and p must be between 0 and 1 (exclusive), got ε = " + epsilon + ", p = "
                    + p);
        }
        double k = Math.ceil(Math.log1p(-p) / Math.log1p(-epsilon));
        if (k > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("catching ε = " + epsilon + " with probability " + p + " takes " + k
                    + " samples");
        }
        int n = Math.max(1, (int) k);
        while (n > 1 && detectionProbability(n - 1, epsilon) >= p) { // the logarithms' rounding
            n--;
        }
        while (detectionProbability(n, epsilon) < p) {
            n++;
        }
        return n;
    }
}
