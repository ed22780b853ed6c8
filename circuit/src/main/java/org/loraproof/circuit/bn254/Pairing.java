package org.loraproof.circuit.bn254;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The optimal ate pairing e: G1 × G2 → GT ⊂ Fp12 of BN254.
 *
 * <p>Miller loop over the signed digits of 6x + 2 with G2 kept in homogeneous projective
 * coordinates on the D-type twist; lines are sparse (coefficients at 1, w, v·w) and evaluated
 * at the G1 point; two final lines through ψ(Q) and −ψ²(Q). Formulas as in Costello, Lange and
 * Naehrig, "Faster pairing computations on curves with high-degree twists" (2010), §4–5.
 *
 * <p>The final exponentiation is f^((p⁶ − 1)(p² + 1)) followed by the hard part of
 * Fuentes-Castañeda, Knapp and Rodríguez-Henríquez ("Faster hashing to G2", 2011), which raises
 * to λ·(p⁴ − p² + 1)/r with λ = 2x(6x² + 3x + 1). This is the value snarkjs, ffjavascript and
 * noble return (snarkjs's {@code vk_alphabeta_12}); pairing checks are the same either way.
 */
public final class Pairing {
    /** Signed binary digits of 6x + 2, least significant first. */
    private static final int[] ATE_LOOP = signedDigits(Bn254.X.multiply(BigInteger.valueOf(6)).add(BigInteger.TWO));
    private static final Fp TWO_INV = Fp.of(2).inverse();
    private static final Fp2 TWIST_B = Fp2.of(Fp.of(3), Fp.ZERO).mul(Fp2.XI.inverse());

    private Pairing() {
    }

    /** Line coefficients (c0, c1, c2): the line at P is c0·y_P + c1·x_P·w + c2·v·w. */
    record Line(Fp2 c0, Fp2 c1, Fp2 c2) {
    }

    /** Precomputed Miller-loop lines of a G2 point; reuse it for many pairings with the same Q. */
    public static final class PreparedG2 {
        final List<Line> lines;
        final boolean infinity;

        private PreparedG2(List<Line> lines, boolean infinity) {
            this.lines = lines;
            this.infinity = infinity;
        }
    }

    private static int[] signedDigits(BigInteger n) {
        return JacobianCurve.wnaf(n, 2);
    }

    public static PreparedG2 prepare(G2Point q) {
        if (q.isInfinity()) {
            return new PreparedG2(List.of(), true);
        }
        List<Line> lines = new ArrayList<>();
        Fp2 qx = q.x(), qy = q.y();
        Fp2 negQy = qy.neg();
        Fp2[] t = {qx, qy, Fp2.ONE};
        for (int i = ATE_LOOP.length - 2; i >= 0; i--) {
            lines.add(doublingStep(t));
            if (ATE_LOOP[i] == 1) {
                lines.add(additionStep(t, qx, qy));
            } else if (ATE_LOOP[i] == -1) {
                lines.add(additionStep(t, qx, negQy));
            }
        }
        G2Point q1 = q.psi();
        G2Point q2 = q1.psi().neg();
        lines.add(additionStep(t, q1.x(), q1.y()));
        lines.add(additionStep(t, q2.x(), q2.y()));
        return new PreparedG2(lines, false);
    }

    /** T ← 2T; returns the tangent line at T. */
    private static Line doublingStep(Fp2[] t) {
        Fp2 x = t[0], y = t[1], z = t[2];
        Fp2 a = x.mul(y).mulByFp(TWO_INV);
        Fp2 b = y.square();
        Fp2 c = z.square();
        Fp2 e = TWIST_B.mul(c.dbl().add(c));
        Fp2 f = e.dbl().add(e);
        Fp2 g = b.add(f).mulByFp(TWO_INV);
        Fp2 h = y.add(z).square().sub(b.add(c));
        Fp2 i = e.sub(b);
        Fp2 j = x.square();
        Fp2 e2 = e.square();
        t[0] = a.mul(b.sub(f));
        t[1] = g.square().sub(e2.dbl().add(e2));
        t[2] = b.mul(h);
        return new Line(h.neg(), j.dbl().add(j), i);
    }

    /** T ← T + Q for affine Q; returns the line through T and Q. */
    private static Line additionStep(Fp2[] t, Fp2 qx, Fp2 qy) {
        Fp2 x = t[0], y = t[1], z = t[2];
        Fp2 theta = y.sub(qy.mul(z));
        Fp2 lambda = x.sub(qx.mul(z));
        Fp2 c = theta.square();
        Fp2 d = lambda.square();
        Fp2 e = lambda.mul(d);
        Fp2 f = z.mul(c);
        Fp2 g = x.mul(d);
        Fp2 h = e.add(f).sub(g.dbl());
        t[0] = lambda.mul(h);
        t[1] = theta.mul(g.sub(h)).sub(e.mul(y));
        t[2] = z.mul(e);
        Fp2 j = theta.mul(qx).sub(lambda.mul(qy));
        return new Line(lambda, theta.neg(), j);
    }

    private static Fp12 evaluate(Fp12 f, Line l, Fp px, Fp py) {
        return f.mulBy034(l.c0.mulByFp(py), l.c1.mulByFp(px), l.c2);
    }

    /** The product of the Miller loops of all pairs (pairs containing infinity contribute 1). */
    public static Fp12 millerLoop(List<G1Point> ps, List<PreparedG2> qs) {
        if (ps.size() != qs.size()) {
            throw new IllegalArgumentException("pairing needs as many G1 as G2 points");
        }
        List<Fp> pxs = new ArrayList<>(), pys = new ArrayList<>();
        List<List<Line>> lines = new ArrayList<>();
        for (int k = 0; k < ps.size(); k++) {
            if (ps.get(k).isInfinity() || qs.get(k).infinity) {
                continue;
            }
            pxs.add(ps.get(k).x());
            pys.add(ps.get(k).y());
            lines.add(qs.get(k).lines);
        }
        Fp12 f = Fp12.ONE;
        int n = lines.size();
        int[] next = new int[n];
        for (int i = ATE_LOOP.length - 2; i >= 0; i--) {
            if (i != ATE_LOOP.length - 2) {
                f = f.square();
            }
            for (int k = 0; k < n; k++) {
                f = evaluate(f, lines.get(k).get(next[k]++), pxs.get(k), pys.get(k));
            }
            if (ATE_LOOP[i] != 0) {
                for (int k = 0; k < n; k++) {
                    f = evaluate(f, lines.get(k).get(next[k]++), pxs.get(k), pys.get(k));
                }
            }
        }
        for (int k = 0; k < n; k++) {
            f = evaluate(f, lines.get(k).get(next[k]++), pxs.get(k), pys.get(k));
            f = evaluate(f, lines.get(k).get(next[k]++), pxs.get(k), pys.get(k));
        }
        return f;
    }

    /** f^((p¹² − 1)/r · λ), see the class comment. */
    public static Fp12 finalExponentiation(Fp12 f) {
        // Easy part: f^((p⁶ − 1)(p² + 1)).
        Fp12 r = f.conjugate().mul(f.inverse());
        r = r.frobenius(2).mul(r);
        // Hard part (Fuentes-Castañeda, Knapp, Rodríguez-Henríquez).
        Fp12 y0 = expByNegX(r);
        Fp12 y1 = y0.cyclotomicSquare();
        Fp12 y2 = y1.cyclotomicSquare();
        Fp12 y3 = y2.mul(y1);
        Fp12 y4 = expByNegX(y3);
        Fp12 y5 = y4.cyclotomicSquare();
        Fp12 y6 = expByNegX(y5);
        y3 = y3.conjugate();
        y6 = y6.conjugate();
        Fp12 y7 = y6.mul(y4);
        Fp12 y8 = y7.mul(y3);
        Fp12 y9 = y8.mul(y1);
        Fp12 y10 = y8.mul(y4);
        Fp12 y11 = y10.mul(r);
        Fp12 y13 = y9.frobenius(1).mul(y11);
        Fp12 y14 = y8.frobenius(2).mul(y13);
        Fp12 y15 = r.conjugate().mul(y9).frobenius(3);
        return y15.mul(y14);
    }

    private static Fp12 expByNegX(Fp12 f) {
        return f.cyclotomicPow(Bn254.X).conjugate();
    }

    /** e(P, Q). */
    public static Fp12 pair(G1Point p, G2Point q) {
        return finalExponentiation(millerLoop(List.of(p), List.of(prepare(q))));
    }

    /** True when Π e(P_i, Q_i) = 1, with one shared final exponentiation. */
    public static boolean check(List<G1Point> ps, List<G2Point> qs) {
        List<PreparedG2> prepared = new ArrayList<>(qs.size());
        for (G2Point q : qs) {
            prepared.add(prepare(q));
        }
        return finalExponentiation(millerLoop(ps, prepared)).isOne();
    }
}
