package org.loraproof.circuit.groth16;

import java.util.List;
import java.util.Map;
import org.loraproof.circuit.bn254.Fp12;
import org.loraproof.circuit.bn254.G1Point;
import org.loraproof.circuit.bn254.G2Point;

/**
 * A Groth16 verification key as snarkjs writes it. {@code alphaBeta} is e(α, β) in snarkjs's
 * pairing convention; {@code metadata} holds loraproof's notes (such as how the setup was run)
 * and is written as an extra JSON field snarkjs ignores.
 */
public record VerificationKey(G1Point alpha1, G2Point beta2, G2Point gamma2, G2Point delta2, List<G1Point> ic,
        Fp12 alphaBeta, Map<String, String> metadata) {
    public VerificationKey {
        if (ic.isEmpty()) {
            throw new IllegalArgumentException("a verification key needs at least IC[0]");
        }
        ic = List.copyOf(ic);
        metadata = Map.copyOf(metadata);
    }

    public int numPublic() {
        return ic.size() - 1;
    }

    public VerificationKey withMetadata(Map<String, String> m) {
        return new VerificationKey(alpha1, beta2, gamma2, delta2, ic, alphaBeta, m);
    }
}
