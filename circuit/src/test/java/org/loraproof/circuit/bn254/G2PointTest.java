package org.loraproof.circuit.bn254;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.Vectors;

/** G2 against noble's vectors; the fast subgroup test against r·P = O. */
class G2PointTest {

    @Test
    void nobleVectors() {
        JsonNode file = Vectors.json("bn254/noble/g2.json");
        assertEquals(G2Point.GENERATOR, Bn254Json.g2(file.get("generator")));
        assertEquals(file.get("generator_encodings").get("eip").asText(), Vectors.hex(G2Point.GENERATOR.toEip197()));
        for (JsonNode c : file.get("cases")) {
            G2Point p = Bn254Json.g2(c.get("P")), q = Bn254Json.g2(c.get("Q"));
            assertEquals(G2Point.GENERATOR.mul(Vectors.big(c.get("k1"))), p);
            assertEquals(Bn254Json.g2(c.get("P_plus_Q")), p.add(q));
            assertEquals(Bn254Json.g2(c.get("P_minus_Q")), p.sub(q));
            assertEquals(Bn254Json.g2(c.get("double_P")), p.dbl());
            assertEquals(Bn254Json.g2(c.get("k_times_P")), p.mul(Vectors.big(c.get("k"))));
            assertEquals(Bn254Json.g2(c.get("neg_P")), p.neg());
            JsonNode enc = c.get("encodings");
            for (String name : new String[] {"P", "Q", "P_plus_Q"}) {
                G2Point pt = Bn254Json.g2(c.get(name));
                JsonNode e = enc.get(name);
                assertEquals(e.get("eip").asText(), Vectors.hex(pt.toEip197()));
                assertEquals(pt, G2Point.fromEip197(Vectors.hex(e.get("eip").asText()), 0));
                if (!e.get("noble_compressed").isNull()) {
                    assertEquals(e.get("noble_compressed").asText(), Vectors.hex(pt.toCompressed()));
                    assertEquals(pt, G2Point.fromCompressed(Vectors.hex(e.get("noble_compressed").asText())));
                }
                assertEquals(pt, G2Point.fromSnarkjs(pt.toSnarkjs()));
            }
        }
    }

    @Test
    void psiActsAsMultiplicationByP() {
        G2Point q = G2Point.GENERATOR.mul(BigInteger.valueOf(123456789));
        assertEquals(q.mul(Bn254.P.mod(Bn254.R)), q.psi());
    }

    @Test
    void subgroupTestAgreesWithOrderCheck() {
        SplittableRandom rng = new SplittableRandom(23);
        Fp2 b = Fp2.of(Fp.of(3), Fp.ZERO).mul(Fp2.XI.inverse());
        int found = 0;
        while (found < 12) {
            Fp2 x = Fp2.random(rng::nextLong);
            Fp2 y = x.square().mul(x).add(b).sqrt();
            if (y == null) {
                continue;
            }
            found++;
            G2Point p = G2Point.onTwist(x, y);
            assertEquals(p.hasOrderR(), p.isInSubgroup(), "random twist point");
            assertFalse(p.isInSubgroup(), "a random twist point is almost surely outside G2");
            // Clearing the cofactor lands in G2.
            G2Point cleared = p.mul(Vectors.big(Vectors.json("bn254/noble/constants.json").get("g2_cofactor")));
            assertTrue(cleared.hasOrderR());
            assertTrue(cleared.isInSubgroup());
        }
        for (int i = 1; i < 6; i++) {
            assertTrue(G2Point.GENERATOR.mul(BigInteger.valueOf(rng.nextLong() & Long.MAX_VALUE)).isInSubgroup());
        }
    }

    @Test
    void invalidPointsAreRejectedWithAReason() {
        JsonNode invalid = Vectors.json("bn254/noble/invalid.json");
        for (JsonNode n : invalid.get("g2_not_on_curve")) {
            InvalidPointException e = assertThrows(InvalidPointException.class,
                    () -> G2Point.fromEip197(eip(n), 0));
            assertTrue(e.getMessage().contains("not on the twist"), e.getMessage());
            assertThrows(InvalidPointException.class, () -> G2Point.fromSnarkjs(snarkjs(n)));
        }
        for (JsonNode n : invalid.get("g2_on_curve_not_in_subgroup")) {
            G2Point onTwist = G2Point.onTwist(Bn254Json.fp2(n.get("x")), Bn254Json.fp2(n.get("y")));
            assertFalse(onTwist.hasOrderR());
            InvalidPointException e = assertThrows(InvalidPointException.class,
                    () -> G2Point.fromEip197(eip(n), 0));
            assertTrue(e.getMessage().contains("not in the order-r subgroup"), e.getMessage());
            assertThrows(InvalidPointException.class, () -> G2Point.fromSnarkjs(snarkjs(n)));
            byte[] pairingInput = new byte[192];
            System.arraycopy(G1Point.GENERATOR.toEip196(), 0, pairingInput, 0, 64);
            System.arraycopy(eip(n), 0, pairingInput, 64, 128);
            assertThrows(InvalidPointException.class, () -> Precompiles.ecPairing(pairingInput));
        }
        byte[] notCanonical = G2Point.GENERATOR.toEip197();
        System.arraycopy(BigIntegers.toBytes32(Bn254.P.add(BigInteger.ONE)), 0, notCanonical, 0, 32);
        InvalidPointException e = assertThrows(InvalidPointException.class, () -> G2Point.fromEip197(notCanonical, 0));
        assertTrue(e.getMessage().contains("x.c1"), e.getMessage());
    }

    private static byte[] eip(JsonNode n) {
        byte[] out = new byte[128];
        JsonNode x = n.get("x"), y = n.get("y");
        System.arraycopy(BigIntegers.toBytes32(Vectors.big(x.get(1))), 0, out, 0, 32);
        System.arraycopy(BigIntegers.toBytes32(Vectors.big(x.get(0))), 0, out, 32, 32);
        System.arraycopy(BigIntegers.toBytes32(Vectors.big(y.get(1))), 0, out, 64, 32);
        System.arraycopy(BigIntegers.toBytes32(Vectors.big(y.get(0))), 0, out, 96, 32);
        return out;
    }

    private static List<List<String>> snarkjs(JsonNode n) {
        return List.of(List.of(n.get("x").get(0).asText(), n.get("x").get(1).asText()),
                List.of(n.get("y").get(0).asText(), n.get("y").get(1).asText()), List.of("1", "0"));
    }
}
