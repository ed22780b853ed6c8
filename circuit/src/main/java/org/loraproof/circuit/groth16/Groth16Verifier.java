package org.loraproof.circuit.groth16;

import java.util.List;
import org.loraproof.circuit.bn254.Fp12;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.G1Point;
import org.loraproof.circuit.bn254.Pairing;

/**
 * Groth16 verification: e(−A, B)·e(vk_x, γ)·e(C, δ)·e(α, β) = 1 with vk_x = IC₀ + Σ xᵢ·ICᵢ: three
 * Miller loops, one shared final exponentiation, and e(α, β) from the key (its readers check it). Proof points are re-validated (curve and
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

    /**
     * A verification key ready for many proofs: the Miller-loop lines of γ and δ are
     * precomputed and e(α, β) is taken from the key, so each proof costs one G2 preparation (its B),
     * three Miller loops and one final exponentiation.
     */
    public static final class PreparedKey {
        final VerificationKey vk;
        final Pairing.PreparedG2 gamma;
        final Pairing.PreparedG2 delta;

        PreparedKey(VerificationKey vk) {
            this.vk = vk;
            this.gamma = Pairing.prepare(vk.gamma2());
            this.delta = Pairing.prepare(vk.delta2());
        }

        public VerificationKey key() {
            return vk;
        }
    }

    public static PreparedKey prepare(VerificationKey vk) {
        return new PreparedKey(vk);
    }

    public static Result verify(VerificationKey vk, List<Fr> publicInputs, Proof proof) {
        return verify(prepare(vk), publicInputs, proof);
    }

    /** e(A, B) = e(α, β)·e(vk_x, γ)·e(C, δ), checked as e(−A, B)·e(vk_x, γ)·e(C, δ)·e(α, β) = 1. */
    public static Result verify(PreparedKey key, List<Fr> publicInputs, Proof proof) {
        VerificationKey vk = key.vk;
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
        List<G1Point> ps = List.of(proof.a().neg(), vkX, proof.c());
        List<Pairing.PreparedG2> qs = List.of(Pairing.prepare(proof.b()), key.gamma, key.delta);
        Fp12 f = Pairing.finalExponentiation(Pairing.millerLoop(ps, qs)).mul(vk.alphaBeta());
        return f.isOne() ? Result.OK
                : Result.reject("the pairing check failed: the proof does not match this key and these public inputs");
    }
}
