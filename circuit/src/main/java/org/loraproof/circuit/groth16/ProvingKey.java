package org.loraproof.circuit.groth16;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loraproof.circuit.bn254.G1Point;
import org.loraproof.circuit.bn254.G2Point;
import org.loraproof.circuit.bn254.Pairing;

/**
 * A Groth16 proving key in snarkjs's layout. Points are affine limbs as
 * {@link org.loraproof.circuit.bn254.JacobianCurve} lays them out (8 longs per G1 point, 16 per
 * G2 point, zero for infinity). The coefficient list holds the entries of A and B (matrix 0 and
 * 1) plus, for each public variable s ≤ nPublic, the entry (A, nConstraints + s, s, 1); C is not
 * needed because on the domain C·z = (A·z)(B·z) for a satisfying witness.
 *
 * <p>H holds [L_{2j+1}(τ)/δ]₁ for the Lagrange basis of the domain of size 2n (snarkjs's
 * convention): the prover evaluates A·B − C on the odd coset ω_{2n}·⟨ω_n⟩ and takes an MSM with
 * those values directly.
 */
public final class ProvingKey {
    final int numVariables;
    final int numPublic;
    final int domainSize;
    final long[] alpha1, beta1, beta2, gamma2, delta1, delta2;
    final long[] ic;
    final int[] coeffMatrix, coeffConstraint, coeffSignal;
    /** Montgomery limbs (ours), four per coefficient. */
    final long[] coeffValue;
    final long[] a, b1, b2, c, h;
    /** Raw bytes of the zkey sections this code does not interpret (snarkjs's contributions). */
    final byte[] contributions;
    final Map<String, String> metadata;
    private volatile VerificationKey verificationKey;

    ProvingKey(int numVariables, int numPublic, int domainSize, long[] alpha1, long[] beta1, long[] beta2,
            long[] gamma2, long[] delta1, long[] delta2, long[] ic, int[] coeffMatrix, int[] coeffConstraint,
            int[] coeffSignal, long[] coeffValue, long[] a, long[] b1, long[] b2, long[] c, long[] h,
            byte[] contributions, Map<String, String> metadata) {
        if (Integer.bitCount(domainSize) != 1) {
            throw new IllegalArgumentException("domain size must be a power of two, got " + domainSize);
        }
        boolean points = a != null;
        if (points != (b1 != null) || points != (b2 != null) || points != (c != null) || points != (h != null)) {
            throw new IllegalArgumentException("a proving key has all its point sections or none");
        }
        if (ic.length != 8 * (numPublic + 1) || points && (a.length != 8 * numVariables || b1.length != 8 * numVariables
                || b2.length != 16 * numVariables || c.length != 8 * (numVariables - numPublic - 1)
                || h.length != 8 * domainSize)) {
            throw new IllegalArgumentException("proving key sections do not match its counts");
        }
        this.numVariables = numVariables;
        this.numPublic = numPublic;
        this.domainSize = domainSize;
        this.alpha1 = alpha1;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.gamma2 = gamma2;
        this.delta1 = delta1;
        this.delta2 = delta2;
        this.ic = ic;
        this.coeffMatrix = coeffMatrix;
        this.coeffConstraint = coeffConstraint;
        this.coeffSignal = coeffSignal;
        this.coeffValue = coeffValue;
        this.a = a;
        this.b1 = b1;
        this.b2 = b2;
        this.c = c;
        this.h = h;
        this.contributions = contributions;
        this.metadata = Map.copyOf(metadata);
    }

    public int numVariables() {
        return numVariables;
    }

    public int numPublic() {
        return numPublic;
    }

    public int domainSize() {
        return domainSize;
    }

    public int numCoefficients() {
        return coeffMatrix.length;
    }

    /**
     * Whether the A, B, C and H points are held: a key read for a distributed proof holds only
     * what the driver needs (counts, α, β, γ, δ, IC and the coefficients), executors the points.
     */
    public boolean hasPoints() {
        return a != null;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** The bytes its arrays take in memory (for caches). */
    public long sizeInBytes() {
        long longs = 0;
        for (long[] x : new long[][] {alpha1, beta1, beta2, gamma2, delta1, delta2, ic, coeffValue, a, b1, b2, c, h}) {
            longs += x == null ? 0 : x.length;
        }
        return 8 * longs + 4L * 3 * coeffMatrix.length + contributions.length;
    }

    /** The matching verification key (computes e(α, β) on first use). */
    public VerificationKey verificationKey() {
        VerificationKey vk = verificationKey;
        if (vk == null) {
            vk = verificationKey = computeVerificationKey();
        }
        return vk;
    }

    private VerificationKey computeVerificationKey() {
        List<G1Point> icPoints = new ArrayList<>(numPublic + 1);
        for (int i = 0; i <= numPublic; i++) {
            icPoints.add(G1Point.fromLimbs(ic, 8 * i));
        }
        G1Point alpha = G1Point.fromLimbs(alpha1, 0);
        G2Point beta = G2Point.fromLimbs(beta2, 0);
        return new VerificationKey(alpha, beta, G2Point.fromLimbs(gamma2, 0), G2Point.fromLimbs(delta2, 0), icPoints,
                Pairing.pair(alpha, beta), metadata);
    }
}
