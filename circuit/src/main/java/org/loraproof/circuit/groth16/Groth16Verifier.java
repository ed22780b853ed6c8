package org.loraproof.circuit.groth16;

import java.util.ArrayList;
import java.util.List;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.G1Point;
import org.loraproof.circuit.bn254.G2Point;
import org.loraproof.circuit.bn254.Pairing;

/**
 * Groth16 verification: e(−A, B)·e(α, β)·e(vk_x, γ)·e(C, δ) = 1 with vk_x = IC₀ + Σ xᵢ·ICᵢ, as
 * one multi-pairing with a shared final exponentiation. Proof points are re-validated (curve and
 * subgroup), so unchecked inputs are rejected with a reason rather than mis-verified.
 */
public final class Groth16Verifier {
    private Groth16Verifier() {
    }

    /** The outcome; {@code reason} says why a proof was rejected. */
    public record Result(boolean valid, String reason) {
        static final Result OK = new Result(true, "OK");

        static Result reject(String reason) {
            return new Result(false, reason);
        }
    }

    public static Result verify(VerificationKey vk, List<Fr> publicInputs, Proof proof) {
        if (publicInputs.size() != vk.numPublic()) {
            return Result.reject("the key expects " + vk.numPublic() + " public inputs, got " + publicInputs.size());
        }
        if (!proof.a().isOnCurve() || !proof.c().isOnCurve()) {
            return Result.reject("a proof point is not on the curve");
        }
        if (!proof.b().isOnCurve() || !proof.b().isInSubgroup()) {
            return Result.reject("proof point B is not in G2");
        }
        G1Point vkX = vk.ic().get(0);
        for (int i = 0; i < publicInputs.size(); i++) {
            vkX = vkX.add(vk.ic().get(i + 1).mul(publicInputs.get(i)));
        }
        List<G1Point> ps = new ArrayList<>(List.of(proof.a().neg(), vk.alpha1(), vkX, proof.c()));
        List<G2Point> qs = List.of(proof.b(), vk.beta2(), vk.gamma2(), vk.delta2());
        return Pairing.check(ps, qs) ? Result.OK
                : Result.reject("the pairing check failed: the proof does not match this key and these public inputs");
    }
}
