package org.loraproof.circuit.bn254;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.Vectors;

/** The tower Fp2 ⊂ Fp6 ⊂ Fp12 against noble's vectors and algebraic identities. */
class ExtensionFieldTest {

    @Test
    void fp2Vectors() {
        JsonNode file = Vectors.json("bn254/noble/fp2_ops.json");
        assertEquals(Fp2.XI, Bn254Json.fp2(file.get("xi")));
        for (JsonNode c : file.get("cases")) {
            Fp2 a = Bn254Json.fp2(c.get("a")), b = Bn254Json.fp2(c.get("b"));
            assertEquals(Bn254Json.fp2(c.get("add")), a.add(b));
            assertEquals(Bn254Json.fp2(c.get("sub")), a.sub(b));
            assertEquals(Bn254Json.fp2(c.get("mul")), a.mul(b));
            assertEquals(Bn254Json.fp2(c.get("square")), a.square());
            assertEquals(Bn254Json.fp2(c.get("inv_a")), a.inverse());
            assertEquals(Bn254Json.fp2(c.get("conj_a")), a.conjugate());
            assertEquals(Bn254Json.fp2(c.get("mul_by_xi")), a.mulByXi());
        }
    }

    @Test
    void fp2SqrtFindsRootsAndRejectsNonSquares() {
        SplittableRandom rng = new SplittableRandom(2);
        int nonSquares = 0;
        for (int i = 0; i < 40; i++) {
            Fp2 a = Fp2.random(rng::nextLong);
            assertEquals(a.square(), a.square().sqrt().square());
            Fp2 s = a.sqrt();
            if (s == null) {
                nonSquares++;
                // a is a non-square exactly when its norm is a non-square in Fp.
                assertNull(a.c0().square().add(a.c1().square()).sqrt());
            } else {
                assertEquals(a, s.square());
            }
        }
        assertNotEquals(0, nonSquares);
    }

    @Test
    void fp6Vectors() {
        for (JsonNode c : Vectors.json("bn254/noble/fp6_ops.json").get("cases")) {
            Fp6 a = Bn254Json.fp6(c.get("a")), b = Bn254Json.fp6(c.get("b"));
            assertEquals(Bn254Json.fp6(c.get("add")), a.add(b));
            assertEquals(Bn254Json.fp6(c.get("sub")), a.sub(b));
            assertEquals(Bn254Json.fp6(c.get("mul")), a.mul(b));
            assertEquals(Bn254Json.fp6(c.get("square")), a.square());
            assertEquals(Bn254Json.fp6(c.get("inv_a")), a.inverse());
            assertEquals(Bn254Json.fp6(c.get("mul_by_v")), a.mulByV());
            Fp2 d0 = b.c0(), d1 = b.c1();
            assertEquals(a.mul(new Fp6(d0, d1, Fp2.ZERO)), a.mulBy01(d0, d1));
        }
    }

    @Test
    void fp12Vectors() {
        for (JsonNode c : Vectors.json("bn254/noble/fp12_ops.json").get("cases")) {
            Fp12 a = Bn254Json.fp12(c.get("a")), b = Bn254Json.fp12(c.get("b"));
            assertEquals(Bn254Json.fp12(c.get("mul")), a.mul(b));
            assertEquals(Bn254Json.fp12(c.get("square")), a.square());
            assertEquals(Bn254Json.fp12(c.get("inv_a")), a.inverse());
            assertEquals(Bn254Json.fp12(c.get("conj_a")), a.conjugate());
            assertEquals(Bn254Json.fp12(c.get("frobenius1_a")), a.frobenius(1));
            assertEquals(Bn254Json.fp12(c.get("frobenius2_a")), a.frobenius(2));
            assertEquals(Bn254Json.fp12(c.get("frobenius3_a")), a.frobenius(3));
            Fp2 d0 = b.c0().c0(), d3 = b.c1().c0(), d4 = b.c1().c1();
            Fp12 sparse = new Fp12(new Fp6(d0, Fp2.ZERO, Fp2.ZERO), new Fp6(d3, d4, Fp2.ZERO));
            assertEquals(a.mul(sparse), a.mulBy034(d0, d3, d4));
        }
    }

    @Test
    void frobeniusConstantsMatchNoble() {
        JsonNode g = Vectors.json("bn254/noble/constants.json").get("frobenius_coefficients");
        for (int k = 1; k <= 3; k++) {
            JsonNode gk = g.get("gamma" + k);
            for (int i = 0; i < 5; i++) {
                assertEquals(Bn254Json.fp2(gk.get(i)), Fp12.FROBENIUS[k - 1][i], "gamma" + k + "[" + i + "]");
            }
        }
    }

    @Test
    void cyclotomicSquareEqualsSquareInTheCyclotomicSubgroup() {
        for (JsonNode c : Vectors.json("bn254/noble/fp12_ops.json").get("cases")) {
            Fp12 a = Bn254Json.fp12(c.get("a"));
            Fp12 u = a.conjugate().mul(a.inverse());
            u = u.frobenius(2).mul(u); // u = a^((p⁶−1)(p²+1)) lies in the cyclotomic subgroup
            assertEquals(u.square(), u.cyclotomicSquare());
            assertEquals(u.pow(BigInteger.valueOf(1_000_003)), u.cyclotomicPow(BigInteger.valueOf(1_000_003)));
        }
    }
}
