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
        Fft domain = domainFor(m, nPub);
        long[] toxic = drawToxic(rng, domain.size());
        try {
            return generate(r1cs, toxic, m, nPub, nVars, domain, progress);
        } finally {
            Arrays.fill(toxic, 0L);
        }
    }

    /** The QAP domain of a circuit: at least its constraints and one row per public input and the constant. */
    static Fft domainFor(int constraints, int numPublic) {
        return Fft.atLeast((long) constraints + numPublic + 1);
    }

    /** τ, α, β, γ, δ as Montgomery limbs, four each: non-zero, τ^(2n) ≠ 1 (so τ is off both domains). */
    static long[] drawToxic(SecureRandom rng, int n) {
        long[] toxic = new long[4 * 5];
        Fr tau;
        do {
            tau = Fr.randomNonZero(rng);
        } while (tau.pow(java.math.BigInteger.valueOf(2L * n)).isOne());
        tau.writeLimbs(toxic, 0);
        for (int i = 1; i < 5; i++) {
            Fr.randomNonZero(rng).writeLimbs(toxic, 4 * i);
        }
        return toxic;
    }

    private static ProvingKey generate(R1cs r1cs, long[] toxic, int m, int nPub, int nVars, Fft domain,
            java.util.function.Consumer<String> progress) {
        int n = domain.size();
        progress.accept("Lagrange basis at τ over a domain of " + n + "; the QAP polynomials at τ");
        long[] lagrange = lagrange(toxic, domain, 0, n);
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
        combine(toxic, a, b, c, nPub);
        long[] h = hScalars(toxic, domain, 0, n);
        progress.accept("fixed-base tables; then the key's " + (3L * nVars + n + nPub + 1) + " G1 and " + nVars + " G2 points");
        FixedBaseTable g1 = g1Table(g1Window(nVars, nPub, n)), g2 = g2Table(g2Window(nVars));
        long[][] singles = singles(toxic);
        long[] icPoints = g1.mulAll(standard(c, nPub + 1), nPub + 1);
        progress.accept("query 1/5: A in G1");
        long[] aPoints = g1.mulAll(standard(a, nVars), nVars);
        progress.accept("query 2/5: B in G1");
        long[] b1Points = g1.mulAll(standard(b, nVars), nVars);
        progress.accept("query 3/5: B in G2");
        long[] b2Points = g2.mulAll(standard(b, nVars), nVars);
        progress.accept("query 4/5: C in G1");
        long[] priv = Arrays.copyOfRange(c, 4 * (nPub + 1), 4 * nVars);
        long[] cPoints = g1.mulAll(standard(priv, nVars - nPub - 1), nVars - nPub - 1);
        progress.accept("query 5/5: H in G1");
        long[] hPoints = g1.mulAll(standard(h, n), n);
        ProvingKey pk = frame(nVars, nPub, n, singles, icPoints, cm, cc, cs, cv, aPoints, b1Points, b2Points, cPoints,
                hPoints);
        for (long[] secret : new long[][] {lagrange, a, b, c, priv, h, t}) {
            Arrays.fill(secret, 0L);
        }
        return pk;
    }

    /** A key of these counts, α…δ points ({@link #singles}) and IC, with its coefficients and points (or nulls). */
    static ProvingKey frame(int nVars, int nPub, int n, long[][] singles, long[] icPoints, int[] cm, int[] cc, int[] cs,
            long[] cv, long[] a, long[] b1, long[] b2, long[] c, long[] h) {
        long[] s1 = singles[0], s2 = singles[1];
        return new ProvingKey(nVars, nPub, n, Arrays.copyOfRange(s1, 0, 8), Arrays.copyOfRange(s1, 8, 16),
                Arrays.copyOfRange(s2, 0, 16), Arrays.copyOfRange(s2, 16, 32), Arrays.copyOfRange(s1, 16, 24),
                Arrays.copyOfRange(s2, 32, 48), icPoints, cm, cc, cs, cv, a, b1, b2, c, h, new byte[0],
                Map.of("setup", SETUP_KIND));
    }

    /** [α, β, δ] in G1 and [β, γ, δ] in G2, affine limbs, from the toxic waste. */
    static long[][] singles(long[] toxic) {
        long[] one = new long[4 * 3], two = new long[4 * 3];
        System.arraycopy(toxic, 4, one, 0, 8); // α, β
        System.arraycopy(toxic, 16, one, 8, 4); // δ
        System.arraycopy(toxic, 8, two, 0, 12); // β, γ, δ
        long[][] out = {g1Table(FixedBaseTable.windowBits(3, 14)).mulAll(standard(one, 3), 3),
            g2Table(FixedBaseTable.windowBits(3, 13)).mulAll(standard(two, 3), 3)};
        Arrays.fill(one, 0L);
        Arrays.fill(two, 0L);
        return out;
    }

    /** The window of the G1 table for a key of these counts: as wide as its point count repays (tables of at most about 20 MB). */
    public static int g1Window(int nVars, int nPub, int n) {
        return FixedBaseTable.windowBits(3L * nVars + n + nPub + 4, 14);
    }

    public static int g2Window(int nVars) {
        return FixedBaseTable.windowBits(nVars + 3, 13);
    }

    /** Multiples of the G1 generator with windows of c bits. */
    public static FixedBaseTable g1Table(int c) {
        long[] l = new long[8];
        G1Point.GENERATOR.writeLimbs(l, 0);
        return FixedBaseTable.g1(l, 0, c);
    }

    /** Multiples of the G2 generator with windows of c bits. */
    public static FixedBaseTable g2Table(int c) {
        long[] l = new long[16];
        G2Point.GENERATOR.writeLimbs(l, 0);
        return FixedBaseTable.g2(l, 0, c);
    }

    /**
     * In place, c_v becomes (β·a_v + α·b_v + c_v)/γ for public v (v ≤ nPub, IC) and /δ for private v
     * (the C query); Montgomery limbs.
     */
    static void combine(long[] toxic, long[] a, long[] b, long[] c, int nPub) {
        int nVars = a.length / 4;
        long[] gi = new long[4], di = new long[4];
        FR.inverse(gi, 0, toxic, 12);
        FR.inverse(di, 0, toxic, 16);
        Workers.parallelFor((nVars + CHUNK - 1) / CHUNK, ch -> {
            long[] x = new long[4], y = new long[4];
            for (int v = ch * CHUNK; v < Math.min(nVars, (ch + 1) * CHUNK); v++) {
                FR.mul(x, 0, toxic, 8, a, 4 * v);
                FR.mul(y, 0, toxic, 4, b, 4 * v);
                FR.add(x, 0, x, 0, y, 0);
                FR.add(x, 0, x, 0, c, 4 * v);
                FR.mul(c, 4 * v, x, 0, v <= nPub ? gi : di, 0);
            }
            Arrays.fill(x, 0L);
            Arrays.fill(y, 0L);
        });
        Arrays.fill(gi, 0L);
        Arrays.fill(di, 0L);
    }

    /** L_i(τ) = (τ^n − 1)/n · ωⁱ/(τ − ωⁱ) for i in [from, from + count) of the domain, in parallel chunks. */
    static long[] lagrange(long[] toxic, Fft domain, int from, int count) {
        return basis(toxic, domain, from, count, 1, null);
    }

    /**
     * H_j = L^{2n}_{2j+1}(τ)/δ for j in [from, from + count), over the domain of twice the size:
     * the odd points ω_{2n}^{2j+1} only, so the doubled basis is never held.
     */
    static long[] hScalars(long[] toxic, Fft domain, int from, int count) {
        long[] di = new long[4];
        FR.inverse(di, 0, toxic, 16);
        long[] h = basis(toxic, Fft.ofLogSize(domain.logSize() + 1), from, count, 2, di);
        Arrays.fill(di, 0L);
        return h;
    }

    /**
     * L_i(τ)·factor of the domain for i = step·j + (step − 1), j in [from, from + count): step 1 is
     * the whole basis, step 2 its odd points. In parallel chunks.
     */
    private static long[] basis(long[] toxic, Fft domain, int from, int count, int step, long[] factor) {
        int n = domain.size();
        long[] out = new long[4 * count];
        Fr tau = Fr.fromLimbs(toxic, 0);
        long[] scale = new long[4];
        tau.pow(java.math.BigInteger.valueOf(n)).sub(Fr.ONE).mul(Fr.of(n).inverse()).writeLimbs(scale, 0);
        if (factor != null) {
            FR.mul(scale, 0, scale, 0, factor, 0);
        }
        long[] stride = new long[4];
        domain.omega().pow(java.math.BigInteger.valueOf(step)).writeLimbs(stride, 0);
        Workers.parallelFor((count + CHUNK - 1) / CHUNK, ch -> {
            int first = ch * CHUNK, size = Math.min(count, first + CHUNK) - first;
            long[] denom = new long[4 * size], w = new long[4];
            domain.omega().pow(java.math.BigInteger.valueOf((long) step * (from + first) + step - 1)).writeLimbs(w, 0);
            for (int i = 0; i < size; i++) {
                FR.sub(denom, 4 * i, toxic, 0, w, 0);
                System.arraycopy(w, 0, out, 4 * (first + i), 4);
                FR.mul(w, 0, w, 0, stride, 0);
            }
            FR.batchInverse(denom, 0, size, new long[4 * size]);
            for (int i = 0; i < size; i++) {
                int o = 4 * (first + i);
                FR.mul(out, o, out, o, denom, 4 * i);
                FR.mul(out, o, out, o, scale, 0);
            }
            Arrays.fill(denom, 0L);
        });
        Arrays.fill(scale, 0L);
        return out;
    }

    static long[] standard(long[] montgomery, int count) {
        return FR.fromMontgomeryAll(montgomery, count);
    }
}
