package org.loraproof.circuit.groth16;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.prng.SP800SecureRandomBuilder;
import org.loraproof.circuit.Workers;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.G1Point;
import org.loraproof.circuit.bn254.G2Point;
import org.loraproof.circuit.bn254.MontgomeryField;
import org.loraproof.circuit.fft.Fft;
import org.loraproof.circuit.msm.FixedBaseTable;
import org.loraproof.circuit.r1cs.R1cs;
import org.loraproof.circuit.r1cs.SparseMatrix;

/**
 * A single-party local Groth16 setup in snarkjs's key layout. The toxic waste τ, α, β, γ, δ is
 * drawn from a Hash-DRBG (SHA-512, NIST SP 800-90A, Bouncy Castle) seeded by the system's
 * entropy, used, then overwritten. Whoever runs it could forge proofs for the circuit; the key's
 * metadata says so. For production, run a multi-party ceremony with snarkjs and import its zkey.
 */
public final class Groth16Setup {
    private static final MontgomeryField FR = MontgomeryField.FR;
    /** Elements per parallel task in the scalar-field loops. */
    private static final int CHUNK = 1 << 13;
    /** The metadata of a key with no phase-2 contributions, ours or snarkjs's. */
    public static final String SETUP_KIND = "single-party local setup (no ceremony contributions)";

    private Groth16Setup() {
    }

    /** A DRBG for toxic waste and blinding: Hash-DRBG over SHA-512 with prediction resistance. */
    public static SecureRandom drbg() {
        return new SP800SecureRandomBuilder(new SecureRandom(), true)
                .setPersonalizationString("loraproof groth16".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .buildHash(new SHA512Digest(), null, true);
    }

    public static ProvingKey generate(R1cs r1cs) {
        return generate(r1cs, drbg());
    }

    public static ProvingKey generate(R1cs r1cs, SecureRandom rng) {
        return generate(r1cs, rng, phase -> {
        });
    }

    /** As {@link #generate(R1cs, SecureRandom)}, announcing each phase to {@code progress}. */
    public static ProvingKey generate(R1cs r1cs, SecureRandom rng, java.util.function.Consumer<String> progress) {
        int m = r1cs.numConstraints(), nPub = r1cs.numPublic(), nVars = r1cs.numVariables();
        Fft domain = Fft.atLeast((long) m + nPub + 1);
        int n = domain.size();
        Fft doubled = Fft.ofLogSize(domain.logSize() + 1);
        long[] toxic = new long[4 * 5];
        Fr tau;
        do {
            tau = Fr.randomNonZero(rng);
        } while (tau.pow(java.math.BigInteger.valueOf(2L * n)).isOne());
        tau.writeLimbs(toxic, 0);
        for (int i = 1; i < 5; i++) {
            Fr.randomNonZero(rng).writeLimbs(toxic, 4 * i);
        }
        try {
            return generate(r1cs, toxic, m, nPub, nVars, n, domain, doubled, progress);
        } finally {
            Arrays.fill(toxic, 0L);
        }
    }

    private static ProvingKey generate(R1cs r1cs, long[] toxic, int m, int nPub, int nVars, int n, Fft domain,
            Fft doubled, java.util.function.Consumer<String> progress) {
        progress.accept("Lagrange basis at τ over a domain of " + n + "; the QAP polynomials at τ");
        Fr tau = Fr.fromLimbs(toxic, 0), alpha = Fr.fromLimbs(toxic, 4), beta = Fr.fromLimbs(toxic, 8),
                gamma = Fr.fromLimbs(toxic, 12), delta = Fr.fromLimbs(toxic, 16);
        long[] lagrange = lagrange(tau, domain);
        long[] a = new long[4 * nVars], b = new long[4 * nVars], c = new long[4 * nVars];
        int coeffs = r1cs.a().nonZeros() + r1cs.b().nonZeros() + nPub + 1;
        int[] cm = new int[coeffs], cc = new int[coeffs], cs = new int[coeffs];
        long[] cv = new long[4 * coeffs];
        int k = 0;
        long[] t = new long[4];
        for (int row = 0; row < m; row++) {
            for (int which = 0; which < 3; which++) {
                SparseMatrix mat = which == 0 ? r1cs.a() : which == 1 ? r1cs.b() : r1cs.c();
                long[] target = which == 0 ? a : which == 1 ? b : c;
                for (int e = mat.rowStart(row); e < mat.rowStart(row + 1); e++) {
                    int var = mat.col(e);
                    FR.mul(t, 0, mat.coefficients(), 4 * e, lagrange, 4 * row);
                    FR.add(target, 4 * var, target, 4 * var, t, 0);
                    if (which < 2) {
                        cm[k] = which;
                        cc[k] = row;
                        cs[k] = var;
                        System.arraycopy(mat.coefficients(), 4 * e, cv, 4 * k, 4);
                        k++;
                    }
                }
            }
        }
        for (int s = 0; s <= nPub; s++) {
            FR.add(a, 4 * s, a, 4 * s, lagrange, 4 * (m + s));
            cm[k] = 0;
            cc[k] = m + s;
            cs[k] = s;
            Fr.ONE.writeLimbs(cv, 4 * k);
            k++;
        }
        // (β·a_k + α·b_k + c_k) / γ for public k, / δ for private k
        Fr gammaInv = gamma.inverse(), deltaInv = delta.inverse();
        long[] ic = new long[4 * (nPub + 1)], priv = new long[4 * (nVars - nPub - 1)];
        long[] al = new long[4], be = new long[4], gi = new long[4], di = new long[4];
        alpha.writeLimbs(al, 0);
        beta.writeLimbs(be, 0);
        gammaInv.writeLimbs(gi, 0);
        deltaInv.writeLimbs(di, 0);
        Workers.parallelFor((nVars + CHUNK - 1) / CHUNK, ch -> {
            long[] x = new long[4], y = new long[4];
            for (int v = ch * CHUNK; v < Math.min(nVars, (ch + 1) * CHUNK); v++) {
                FR.mul(x, 0, be, 0, a, 4 * v);
                FR.mul(y, 0, al, 0, b, 4 * v);
                FR.add(x, 0, x, 0, y, 0);
                FR.add(x, 0, x, 0, c, 4 * v);
                if (v <= nPub) {
                    FR.mul(ic, 4 * v, x, 0, gi, 0);
                } else {
                    FR.mul(priv, 4 * (v - nPub - 1), x, 0, di, 0);
                }
            }
            Arrays.fill(x, 0L);
            Arrays.fill(y, 0L);
        });
        // H_j = L^{2n}_{2j+1}(τ) / δ
        long[] big = lagrange(tau, doubled);
        long[] h = new long[4 * n];
        Workers.parallelFor((n + CHUNK - 1) / CHUNK, ch -> {
            for (int j = ch * CHUNK; j < Math.min(n, (ch + 1) * CHUNK); j++) {
                FR.mul(h, 4 * j, big, 4 * (2 * j + 1), di, 0);
            }
        });
        progress.accept("fixed-base tables; then the key's " + (3L * nVars + n + nPub + 1) + " G1 and " + nVars + " G2 points");
        // windows as wide as the point counts repay (tables of at most about 20 MB each)
        FixedBaseTable g1 = FixedBaseTable.g1(limbs(G1Point.GENERATOR), 0,
                FixedBaseTable.windowBits(3L * nVars + n + nPub + 4, 14));
        FixedBaseTable g2 = FixedBaseTable.g2(limbs(G2Point.GENERATOR), 0, FixedBaseTable.windowBits(nVars + 3, 13));
        long[] one = new long[4 * 5];
        alpha.writeLimbs(one, 0);
        beta.writeLimbs(one, 4);
        delta.writeLimbs(one, 8);
        long[] singles1 = g1.mulAll(standard(one, 3), 3);
        long[] two = new long[4 * 3];
        beta.writeLimbs(two, 0);
        gamma.writeLimbs(two, 4);
        delta.writeLimbs(two, 8);
        long[] singles2 = g2.mulAll(standard(two, 3), 3);
        long[] icPoints = g1.mulAll(standard(ic, nPub + 1), nPub + 1);
        progress.accept("query 1/5: A in G1");
        long[] aPoints = g1.mulAll(standard(a, nVars), nVars);
        progress.accept("query 2/5: B in G1");
        long[] b1Points = g1.mulAll(standard(b, nVars), nVars);
        progress.accept("query 3/5: B in G2");
        long[] b2Points = g2.mulAll(standard(b, nVars), nVars);
        progress.accept("query 4/5: C in G1");
        long[] cPoints = g1.mulAll(standard(priv, nVars - nPub - 1), nVars - nPub - 1);
        progress.accept("query 5/5: H in G1");
        long[] hPoints = g1.mulAll(standard(h, n), n);
        ProvingKey pk = new ProvingKey(nVars, nPub, n,
                Arrays.copyOfRange(singles1, 0, 8), Arrays.copyOfRange(singles1, 8, 16),
                Arrays.copyOfRange(singles2, 0, 16), Arrays.copyOfRange(singles2, 16, 32),
                Arrays.copyOfRange(singles1, 16, 24), Arrays.copyOfRange(singles2, 32, 48),
                icPoints, cm, cc, cs, cv, aPoints, b1Points, b2Points, cPoints, hPoints, new byte[0],
                Map.of("setup", SETUP_KIND));
        for (long[] secret : new long[][] {lagrange, big, a, b, c, ic, priv, h, one, two, al, be, gi, di}) {
            Arrays.fill(secret, 0L);
        }
        return pk;
    }

    /** L_i(τ) = (τ^n − 1)/n · ωⁱ/(τ − ωⁱ) for the domain's n points, in parallel chunks. */
    private static long[] lagrange(Fr tau, Fft domain) {
        int n = domain.size();
        long[] num = new long[4 * n];
        long[] scale = new long[4], tl = new long[4], wl = new long[4];
        tau.pow(java.math.BigInteger.valueOf(n)).sub(Fr.ONE).mul(Fr.of(n).inverse()).writeLimbs(scale, 0);
        tau.writeLimbs(tl, 0);
        domain.omega().writeLimbs(wl, 0);
        Workers.parallelFor((n + CHUNK - 1) / CHUNK, ch -> {
            int from = ch * CHUNK, count = Math.min(n, from + CHUNK) - from;
            long[] denom = new long[4 * count], w = new long[4];
            domain.omega().pow(java.math.BigInteger.valueOf(from)).writeLimbs(w, 0);
            for (int i = 0; i < count; i++) {
                FR.sub(denom, 4 * i, tl, 0, w, 0);
                System.arraycopy(w, 0, num, 4 * (from + i), 4);
                FR.mul(w, 0, w, 0, wl, 0);
            }
            FR.batchInverse(denom, 0, count, new long[4 * count]);
            for (int i = 0; i < count; i++) {
                int o = 4 * (from + i);
                FR.mul(num, o, num, o, denom, 4 * i);
                FR.mul(num, o, num, o, scale, 0);
            }
            Arrays.fill(denom, 0L);
        });
        Arrays.fill(tl, 0L);
        Arrays.fill(scale, 0L);
        return num;
    }

    private static long[] standard(long[] montgomery, int count) {
        return FR.fromMontgomeryAll(montgomery, count);
    }

    private static long[] limbs(G1Point p) {
        long[] l = new long[8];
        p.writeLimbs(l, 0);
        return l;
    }

    private static long[] limbs(G2Point p) {
        long[] l = new long[16];
        p.writeLimbs(l, 0);
        return l;
    }
}
