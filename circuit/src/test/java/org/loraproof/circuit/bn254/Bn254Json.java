package org.loraproof.circuit.bn254;

import com.fasterxml.jackson.databind.JsonNode;

/** Decodes the JSON shapes of the noble and go-ethereum vectors into values. */
final class Bn254Json {
    private Bn254Json() {
    }

    static Fp fp(JsonNode n) {
        return Fp.parse(n.asText());
    }

    static Fr fr(JsonNode n) {
        return Fr.parse(n.asText());
    }

    static Fp2 fp2(JsonNode n) {
        return Fp2.parse(n.get(0).asText(), n.get(1).asText());
    }

    static Fp6 fp6(JsonNode n) {
        return new Fp6(fp2(n.get(0)), fp2(n.get(1)), fp2(n.get(2)));
    }

    /** Six Fp2 pairs [c0.c0, c0.c1, c0.c2, c1.c0, c1.c1, c1.c2]. */
    static Fp12 fp12(JsonNode n) {
        return new Fp12(new Fp6(fp2(n.get(0)), fp2(n.get(1)), fp2(n.get(2))),
                new Fp6(fp2(n.get(3)), fp2(n.get(4)), fp2(n.get(5))));
    }

    static G1Point g1(JsonNode n) {
        if (n.path("infinity").asBoolean(false)) {
            return G1Point.INFINITY;
        }
        return G1Point.of(fp(n.get("x")), fp(n.get("y")));
    }

    static G2Point g2(JsonNode n) {
        if (n.path("infinity").asBoolean(false)) {
            return G2Point.INFINITY;
        }
        return G2Point.of(fp2(n.get("x")), fp2(n.get("y")));
    }
}
