package org.loraproof.circuit.poseidon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.Vectors;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.Simd;

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

    /** Eight-lane hashing equals the scalar hash for every arity and for counts around a group of eight. */
    @Test
    void laneHashesEqualScalarHashes() {
        assumeTrue(Simd.ENABLED, "no 512-bit vectors here");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int inputs = 1; inputs <= PoseidonParameters.MAX_INPUTS; inputs++) {
            PoseidonLanes lanes = new PoseidonLanes(inputs);
            Poseidon scalar = new Poseidon(inputs);
            for (int count : new int[] {1, 7, 8, 9, 17}) {
                long[] in = new long[4 * inputs * count], got = new long[4 * count + 4], want = new long[4];
                for (int k = 0; k < inputs * count; k++) {
                    Fr v = k == 0 ? Fr.of(0) : k == 1 ? Fr.ONE.neg() : Fr.random(rng);
                    v.writeLimbs(in, 4 * k);
                }
                lanes.hashAll(in, 0, count, got, 4);
                for (int k = 0; k < count; k++) {
                    scalar.hash(in, 4 * inputs * k, want, 0);
                    assertEquals(Fr.fromLimbs(want, 0), Fr.fromLimbs(got, 4 + 4 * k), inputs + " inputs, hash " + k + " of " + count);
                }
            }
        }
    }
}
