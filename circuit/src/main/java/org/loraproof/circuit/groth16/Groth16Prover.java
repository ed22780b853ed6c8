package org.loraproof.circuit.groth16;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.loraproof.circuit.Workers;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.G1Point;
import org.loraproof.circuit.bn254.G2Point;
import org.loraproof.circuit.bn254.JacobianCurve;
import org.loraproof.circuit.bn254.MontgomeryField;
import org.loraproof.circuit.bn254.Simd;
import org.loraproof.circuit.fft.Fft;

/**
 * The Groth16 prover over a snarkjs-layout key: A·z and B·z on the domain from the key's
 * coefficients, C·z = (A·z)(B·z), each interpolated and re-evaluated on the odd coset
 * ω_{2n}·⟨ω_n⟩, P = A·B − C there, then five MSMs and the blinding with r and s:
 * π_A = α + Σzᵢ·Aᵢ + r·δ, π_B = β + Σzᵢ·Bᵢ + s·δ, π_C = Σ_{private} zᵢ·Cᵢ + Σ Pⱼ·Hⱼ + s·π_A + r·B₁ − rs·δ.
 * It knows nothing of the circuit beyond the key.
 */
public final class Groth16Prover {
    private static final MontgomeryField FR = MontgomeryField.FR;

    private Groth16Prover() {
    }

    /** Time spent in each phase of the last proof, for reports. */
    public record Timings(long witnessNanos, long fftNanos, long msmNanos) {
    }

    /**
     * The source of the blinding r, s: the JDK's NIST SP 800-90A Hash_DRBG (SHA-256, 256-bit
     * strength, prediction resistance). The setup and commitments use Bouncy Castle's DRBG; the
     * prover takes the JDK's, as loading Bouncy Castle (a signed jar) costs a cold proof ~0.3 s.
     */
    public static SecureRandom blindingRandom() {
        try {
            return SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(256,
                    DrbgParameters.Capability.PR_AND_RESEED,
                    "loraproof groth16 blinding".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no DRBG", e);
        }
    }

    /** A proof with fresh blinding r, s drawn at full width from {@code rng}. */
    public static Proof prove(ProvingKey pk, long[] z, SecureRandom rng) {
        return prove(pk, z, Fr.random(rng), Fr.random(rng), null);
    }

    /** The public signals z[1 … nPublic] of a full assignment. */
    public static List<Fr> publicSignals(ProvingKey pk, long[] z) {
        List<Fr> out = new ArrayList<>();
        for (int i = 1; i <= pk.numPublic; i++) {
            out.add(Fr.fromLimbs(z, 4 * i));
        }
        return out;
    }

    /** A proof with the given blinding (tests inject it); timings are recorded when the array is given. */
    public static Proof prove(ProvingKey pk, long[] z, Fr r, Fr s, long[] timings) {
        return prove(pk, z, r, s, timings, phase -> {
        });
    }

    /** As {@link #prove(ProvingKey, long[], Fr, Fr, long[])}, announcing each phase to {@code progress}. */
    public static Proof prove(ProvingKey pk, long[] z, Fr r, Fr s, long[] timings,
            java.util.function.Consumer<String> progress) {
        long[] p = quotient(pk, z, timings, progress);
        long t2 = System.nanoTime();
        PartialSums sums = KeySlice.of(pk).sums(FR.fromMontgomeryAll(z, z.length / 4), p, progress);
        Proof proof = fold(pk, sums, r, s);
        if (timings != null) {
            timings[2] = System.nanoTime() - t2;
        }
        return proof;
    }

    /**
     * The values of A·B − C on the odd coset, in standard form, as the H query's scalars: A·z and
     * B·z evaluated on the domain from the key's coefficients, C·z = (A·z)(B·z), each interpolated
     * and re-evaluated on the coset. Needs only the key's coefficients (not its points), so the
     * driver of a distributed proof computes it; {@code timings[0]} and {@code [1]} get the
     * evaluation's and the FFTs' times when the array is given.
     */
    public static long[] quotient(ProvingKey pk, long[] z, long[] timings, java.util.function.Consumer<String> progress) {
        if (z.length != 4 * pk.numVariables) {
            throw new IllegalArgumentException("the witness has " + z.length / 4 + " values, the key "
                    + pk.numVariables + " variables");
        }
        long t0 = System.nanoTime();
        int n = pk.domainSize;
        progress.accept("evaluating A·z and B·z on the domain of " + n);
        // each worker sums its share of the coefficients into its own A·z and B·z, then they add up
        int parts = Math.max(1, Math.min(Workers.pool().getParallelism(), pk.coeffMatrix.length / (1 << 16)));
        long[][] as = new long[parts][], bs = new long[parts][];
        Workers.parallelFor(parts, part -> {
            long[] a = new long[4 * n], b = new long[4 * n], t = new long[4];
            int from = (int) ((long) pk.coeffMatrix.length * part / parts);
            int to = (int) ((long) pk.coeffMatrix.length * (part + 1) / parts);
            for (int k = from; k < to; k++) {
                long[] target = pk.coeffMatrix[k] == 0 ? a : b;
                int row = 4 * pk.coeffConstraint[k];
                FR.mul(t, 0, pk.coeffValue, 4 * k, z, 4 * pk.coeffSignal[k]);
                FR.add(target, row, target, row, t, 0);
            }
            as[part] = a;
            bs[part] = b;
        });
        long[] av = as[0], bv = bs[0];
        int chunk = 1 << 14;
        Workers.parallelFor((n + chunk - 1) / chunk, c -> {
            for (int i = c * chunk; i < Math.min(n, (c + 1) * chunk); i++) {
                for (int part = 1; part < parts; part++) {
                    FR.add(av, 4 * i, av, 4 * i, as[part], 4 * i);
                    FR.add(bv, 4 * i, bv, 4 * i, bs[part], 4 * i);
                }
            }
        });
        long t1 = System.nanoTime();
        long[] h = quotient(av, bv, n, progress);
        if (timings != null) {
            timings[0] = t1 - t0;
            timings[1] = System.nanoTime() - t1;
        }
        return h;
    }

    /**
     * The values of A·B − C on the odd coset, standard form, from A·z and B·z on the domain
     * (Montgomery limbs, changed in place): C·z = (A·z)(B·z), each interpolated and re-evaluated on
     * the coset. For a prover that has these evaluations from elsewhere than the key's coefficients
     * (the tasks that computed the witness).
     */
    public static long[] quotient(long[] av, long[] bv, int n, java.util.function.Consumer<String> progress) {
        long[] cv = new long[4 * n];
        int chunk = 1 << 14;
        Workers.parallelFor((n + chunk - 1) / chunk, c -> {
            for (int i = c * chunk; i < Math.min(n, (c + 1) * chunk); i++) {
                FR.mul(cv, 4 * i, av, 4 * i, bv, 4 * i);
            }
        });
        // the FFTs are the kernels' first heavy use: have them compiled on one quiet thread first
        Simd.ensureWarmedUp();
        int log = Integer.numberOfTrailingZeros(n);
        progress.accept("6 FFTs of 2^" + log + ": A, B, C to the odd coset");
        Fft fft = Fft.ofLogSize(log);
        Fr shift = Fft.ofLogSize(log + 1).omega();
        for (long[] x : new long[][] {av, bv, cv}) {
            fft.toCoset(x, shift);
        }
        long[] h = new long[4 * n];
        Workers.parallelFor((n + chunk - 1) / chunk, c -> {
            long[] t = new long[4];
            for (int i = c * chunk; i < Math.min(n, (c + 1) * chunk); i++) {
                FR.mul(t, 0, av, 4 * i, bv, 4 * i);
                FR.sub(t, 0, t, 0, cv, 4 * i);
                FR.fromMontgomery(h, 4 * i, t, 0);
            }
        });
        return h;
    }

    /**
     * The proof from the sums over the whole key and the blinding r, s — the one place where both
     * the serial and the distributed prover make it:
     * π_A = α + ΣA + r·δ, π_B = β + ΣB2 + s·δ, π_C = ΣC + ΣH + s·π_A + r·(β + ΣB1 + s·δ) − rs·δ.
     */
    public static Proof fold(ProvingKey pk, PartialSums sums, Fr r, Fr s) {
        G1Point alpha1 = G1Point.fromLimbs(pk.alpha1, 0), beta1 = G1Point.fromLimbs(pk.beta1, 0),
                delta1 = G1Point.fromLimbs(pk.delta1, 0);
        G2Point beta2 = G2Point.fromLimbs(pk.beta2, 0), delta2 = G2Point.fromLimbs(pk.delta2, 0);
        G1Point piA = alpha1.add(affine1(sums.a)).add(delta1.mul(r));
        G2Point piB = beta2.add(affine2(sums.b2)).add(delta2.mul(s));
        G1Point b1 = beta1.add(affine1(sums.b1)).add(delta1.mul(s));
        G1Point piC = affine1(sums.c).add(affine1(sums.h)).add(piA.mul(s)).add(b1.mul(r)).sub(delta1.mul(r.mul(s)));
        return new Proof(piA, piB, piC);
    }

    private static G1Point affine1(long[] jac) {
        long[] a = new long[8];
        JacobianCurve.g1().toAffine(a, 0, jac, 0);
        return G1Point.fromLimbs(a, 0);
    }

    private static G2Point affine2(long[] jac) {
        long[] a = new long[16];
        JacobianCurve.g2().toAffine(a, 0, jac, 0);
        return G2Point.fromLimbs(a, 0);
    }
}
