package org.loraproof.circuit.bn254;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.Vectors;

/** G1 against noble, go-ethereum's EIP-196 vectors and Bouncy Castle's generic curve arithmetic. */
class G1PointTest {

    @Test
    void nobleVectors() {
        JsonNode file = Vectors.json("bn254/noble/g1.json");
        assertEquals(G1Point.GENERATOR, Bn254Json.g1(file.get("generator")));
        for (JsonNode c : file.get("cases")) {
            G1Point p = Bn254Json.g1(c.get("P")), q = Bn254Json.g1(c.get("Q"));
            assertEquals(G1Point.GENERATOR.mul(Vectors.big(c.get("k1"))), p);
            assertEquals(Bn254Json.g1(c.get("P_plus_Q")), p.add(q));
            assertEquals(Bn254Json.g1(c.get("P_minus_Q")), p.sub(q));
            assertEquals(Bn254Json.g1(c.get("double_P")), p.dbl());
            assertEquals(Bn254Json.g1(c.get("k_times_P")), p.mul(Vectors.big(c.get("k"))));
            assertEquals(Bn254Json.g1(c.get("neg_P")), p.neg());
            JsonNode enc = c.get("encodings");
            for (String name : new String[] {"P", "Q", "P_plus_Q"}) {
                G1Point pt = Bn254Json.g1(c.get(name));
                JsonNode e = enc.get(name);
                assertEquals(e.get("eip").asText(), Vectors.hex(pt.toEip196()));
                assertEquals(pt, G1Point.fromEip196(Vectors.hex(e.get("eip").asText()), 0));
                if (!e.get("noble_compressed").isNull()) {
                    assertEquals(e.get("noble_compressed").asText(), Vectors.hex(pt.toCompressed()));
                    assertEquals(pt, G1Point.fromCompressed(Vectors.hex(e.get("noble_compressed").asText())));
                }
                assertEquals(pt, G1Point.fromSnarkjs(pt.toSnarkjs()));
            }
        }
    }

    @Test
    void eip196AddAndMul() {
        for (JsonNode c : Vectors.json("bn254/eip196-197/bn256Add.json")) {
            assertEquals(c.get("Expected").asText(), Vectors.hex(Precompiles.ecAdd(Vectors.hex(c.get("Input").asText()))),
                    c.get("Name").asText());
        }
        for (JsonNode c : Vectors.json("bn254/eip196-197/bn256ScalarMul.json")) {
            assertEquals(c.get("Expected").asText(), Vectors.hex(Precompiles.ecMul(Vectors.hex(c.get("Input").asText()))),
                    c.get("Name").asText());
        }
    }

    @Test
    void invalidPointsAreRejectedWithAReason() {
        JsonNode invalid = Vectors.json("bn254/noble/invalid.json");
        for (JsonNode n : invalid.get("g1_not_on_curve")) {
            byte[] enc = eip(Vectors.big(n.get("x")), Vectors.big(n.get("y")));
            InvalidPointException e = assertThrows(InvalidPointException.class, () -> G1Point.fromEip196(enc, 0));
            assertTrue(e.getMessage().contains("not on"), e.getMessage());
            assertThrows(InvalidPointException.class,
                    () -> G1Point.fromSnarkjs(java.util.List.of(n.get("x").asText(), n.get("y").asText(), "1")));
            assertThrows(InvalidPointException.class, () -> Precompiles.ecAdd(enc));
        }
        for (JsonNode n : invalid.get("g1_coordinate_not_canonical")) {
            byte[] enc = eip(Vectors.big(n.get("x")), Vectors.big(n.get("y")));
            InvalidPointException e = assertThrows(InvalidPointException.class, () -> G1Point.fromEip196(enc, 0));
            assertTrue(e.getMessage().contains("not below the field modulus"), e.getMessage());
            assertThrows(InvalidPointException.class,
                    () -> G1Point.fromSnarkjs(java.util.List.of(n.get("x").asText(), n.get("y").asText(), "1")));
        }
        assertThrows(InvalidPointException.class, () -> G1Point.fromEip196(new byte[63], 0));
        assertThrows(InvalidPointException.class, () -> G1Point.fromCompressed(new byte[33]));
    }

    private static byte[] eip(BigInteger x, BigInteger y) {
        byte[] out = new byte[64];
        System.arraycopy(BigIntegers.toBytes32(x), 0, out, 0, 32);
        System.arraycopy(BigIntegers.toBytes32(y), 0, out, 32, 32);
        return out;
    }

    @Test
    void agreesWithBouncyCastleOnRandomPoints() {
        ECCurve bc = new ECCurve.Fp(Bn254.P, BigInteger.ZERO, BigInteger.valueOf(3), Bn254.R, BigInteger.ONE);
        ECPoint bcG = bc.createPoint(BigInteger.ONE, BigInteger.TWO);
        SplittableRandom rng = new SplittableRandom(17);
        for (int i = 0; i < 60; i++) {
            BigInteger k1 = new BigInteger(254, new java.util.Random(rng.nextLong())).mod(Bn254.R);
            BigInteger k2 = new BigInteger(254, new java.util.Random(rng.nextLong())).mod(Bn254.R);
            BigInteger k = new BigInteger(256, new java.util.Random(rng.nextLong()));
            G1Point p = G1Point.GENERATOR.mul(k1), q = G1Point.GENERATOR.mul(k2);
            ECPoint bp = bcG.multiply(k1).normalize(), bq = bcG.multiply(k2).normalize();
            assertSame(bp, p);
            assertSame(bq, q);
            assertSame(bp.add(bq).normalize(), p.add(q));
            assertSame(bp.twice().normalize(), p.dbl());
            assertSame(bp.multiply(k).normalize(), p.mul(k));
            assertSame(bp.subtract(bq).normalize(), p.sub(q));
        }
    }

    private static void assertSame(ECPoint expected, G1Point actual) {
        if (expected.isInfinity()) {
            assertTrue(actual.isInfinity());
            return;
        }
        assertEquals(expected.getAffineXCoord().toBigInteger(), actual.x().toBigInteger());
        assertEquals(expected.getAffineYCoord().toBigInteger(), actual.y().toBigInteger());
    }

    @Test
    void groupLawEdgeCases() {
        G1Point g = G1Point.GENERATOR;
        assertEquals(G1Point.INFINITY, g.add(g.neg()));
        assertEquals(g, g.add(G1Point.INFINITY));
        assertEquals(g, G1Point.INFINITY.add(g));
        assertEquals(g.dbl(), g.add(g));
        assertEquals(G1Point.INFINITY, g.mul(Bn254.R));
        assertEquals(G1Point.INFINITY, g.mul(BigInteger.ZERO));
        assertEquals(G1Point.INFINITY, G1Point.INFINITY.dbl());
        assertArrayEquals(new byte[64], G1Point.INFINITY.toEip196());
        assertEquals(G1Point.INFINITY, G1Point.fromSnarkjs(G1Point.INFINITY.toSnarkjs()));
    }

    @Test
    void batchToAffineMatchesOneByOne() {
        JacobianCurve c = JacobianCurve.g1();
        int n = 9;
        long[] jac = new long[n * 12];
        G1Point[] expected = new G1Point[n];
        G1Point p = G1Point.GENERATOR;
        for (int i = 0; i < n; i++) {
            expected[i] = i == 4 ? G1Point.INFINITY : p;
            long[] a = new long[8];
            expected[i].writeLimbs(a, 0);
            c.fromAffine(jac, 12 * i, a, 0);
            c.dbl(jac, 12 * i, jac, 12 * i); // a non-trivial Z
            expected[i] = expected[i].dbl();
            p = p.add(G1Point.GENERATOR.mul(BigInteger.valueOf(i + 5)));
        }
        long[] out = new long[n * 8];
        c.batchToAffine(jac, 0, n, out, 0);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], G1Point.fromLimbs(out, 8 * i));
        }
    }
}
