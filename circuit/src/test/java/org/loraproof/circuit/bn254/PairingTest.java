package org.loraproof.circuit.bn254;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.Vectors;

/** The pairing against noble's values (both final-exponent conventions) and EIP-197 checks. */
class PairingTest {

    @Test
    void pairingValuesMatchNoble() {
        JsonNode file = Vectors.json("bn254/noble/pairing.json");
        assertEquals(Bn254Json.fp12(file.get("base_pairing")), Pairing.pair(G1Point.GENERATOR, G2Point.GENERATOR));
        for (JsonNode c : file.get("cases")) {
            G1Point p = Bn254Json.g1(c.get("P"));
            G2Point q = Bn254Json.g2(c.get("Q"));
            assertEquals(Bn254Json.fp12(c.get("e_P_Q")), Pairing.pair(p, q));
        }
    }

    @Test
    void textbookFinalExponentMatchesNobleNaiveValue() {
        JsonNode file = Vectors.json("bn254/noble/pairing.json");
        BigInteger exponent = Bn254.P.pow(12).subtract(BigInteger.ONE).divide(Bn254.R);
        Fp12 f = Pairing.millerLoop(List.of(G1Point.GENERATOR), List.of(Pairing.prepare(G2Point.GENERATOR)));
        assertEquals(Bn254Json.fp12(file.get("base_pairing_naive")), f.pow(exponent));
        BigInteger lambda = Vectors.big(file.get("final_exponent").get("lambda"));
        assertEquals(Pairing.finalExponentiation(f), f.pow(exponent).pow(lambda));
    }

    @Test
    void productChecks() {
        JsonNode file = Vectors.json("bn254/noble/pairing.json");
        for (String set : new String[] {"product_checks_true", "product_checks_false"}) {
            for (JsonNode c : file.get(set)) {
                List<G1Point> ps = new ArrayList<>();
                List<G2Point> qs = new ArrayList<>();
                for (JsonNode pair : c.get("pairs")) {
                    ps.add(Bn254Json.g1(pair.get("g1")));
                    qs.add(Bn254Json.g2(pair.get("g2")));
                }
                String note = c.get("note").asText();
                assertEquals(c.get("product_is_one").asBoolean(), Pairing.check(ps, qs), note);
                assertEquals(c.get("eip197_expected").asText(),
                        Vectors.hex(Precompiles.ecPairing(Vectors.hex(c.get("eip197_input").asText()))), note);
            }
        }
    }

    @Test
    void eip197Vectors() {
        for (JsonNode c : Vectors.json("bn254/eip196-197/bn256Pairing.json")) {
            assertEquals(c.get("Expected").asText(),
                    Vectors.hex(Precompiles.ecPairing(Vectors.hex(c.get("Input").asText()))), c.get("Name").asText());
        }
        assertEquals(1, Precompiles.ecPairing(new byte[0])[31]);
        assertThrows(InvalidPointException.class, () -> Precompiles.ecPairing(new byte[191]));
    }

    @Test
    void bilinearAndNonDegenerate() {
        SplittableRandom rng = new SplittableRandom(31);
        Fp12 base = Pairing.pair(G1Point.GENERATOR, G2Point.GENERATOR);
        assertFalse(base.isOne());
        assertEquals(Fp12.ONE, base.pow(Bn254.R));
        for (int i = 0; i < 3; i++) {
            BigInteger a = BigInteger.valueOf(rng.nextLong() & Long.MAX_VALUE);
            BigInteger b = new BigInteger(200, new java.util.Random(rng.nextLong()));
            G1Point p = G1Point.GENERATOR.mul(a);
            G2Point q = G2Point.GENERATOR.mul(b);
            Fp12 e = Pairing.pair(p, q);
            assertEquals(base.pow(a.multiply(b).mod(Bn254.R)), e);
            assertEquals(Pairing.pair(p.mul(b), G2Point.GENERATOR), e);
            assertEquals(Pairing.pair(G1Point.GENERATOR, q.mul(a)), e);
            assertNotEquals(Fp12.ONE, e);
        }
        assertEquals(Fp12.ONE, Pairing.pair(G1Point.INFINITY, G2Point.GENERATOR));
        assertEquals(Fp12.ONE, Pairing.pair(G1Point.GENERATOR, G2Point.INFINITY));
    }
}
