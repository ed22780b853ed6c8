package org.loraproof.circuit.poseidon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.Vectors;
import org.loraproof.circuit.bn254.Fr;

/** Native Poseidon and its generated parameters against circomlibjs. */
class PoseidonTest {

    @Test
    void generatedConstantsEqualCircomlibs() {
        JsonNode file = Vectors.json("poseidon/circomlib-poseidon-constants.json");
        for (int inputs = 1; inputs <= 16; inputs++) {
            PoseidonParameters p = PoseidonParameters.forInputs(inputs);
            int t = inputs + 1;
            JsonNode c = file.get("C").get(t - 2), m = file.get("M").get(t - 2);
            assertEquals(c.size(), p.rounds() * t, "constants for t = " + t);
            for (int k = 0; k < c.size(); k++) {
                assertEquals(new BigInteger(c.get(k).asText().substring(2), 16), p.roundConstant(k / t, k % t).toBigInteger(),
                        "C[" + (t - 2) + "][" + k + "]");
            }
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    assertEquals(new BigInteger(m.get(i).get(j).asText().substring(2), 16), p.mds(i, j).toBigInteger(),
                            "M[" + (t - 2) + "][" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void hashesEqualCircomlibjsVectors() {
        for (JsonNode c : Vectors.json("poseidon/circomlib-poseidon-vectors.json").get("cases")) {
            Fr[] in = new Fr[c.get("inputs").size()];
            for (int i = 0; i < in.length; i++) {
                in[i] = Fr.parse(c.get("inputs").get(i).asText());
            }
            assertEquals(Fr.parse(c.get("output").asText()), Poseidon.hash(in), c.get("inputs").toString());
        }
        assertEquals(Fr.parse("7853200120776062878684798364095072458815029376092732009249414926327459813530"),
                Poseidon.hash(Fr.of(1), Fr.of(2)));
    }
}
