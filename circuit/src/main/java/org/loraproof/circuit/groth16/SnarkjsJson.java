package org.loraproof.circuit.groth16;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loraproof.circuit.bn254.Fp;
import org.loraproof.circuit.bn254.Fp12;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.G1Point;
import org.loraproof.circuit.bn254.G2Point;
import org.loraproof.circuit.bn254.InvalidPointException;
import org.loraproof.circuit.bn254.Pairing;
import org.loraproof.circuit.r1cs.InvalidFileException;

/**
 * Proofs, verification keys and public signals in snarkjs's JSON shapes. Readers validate every
 * point (curve, subgroup, canonical coordinates) and every public signal (below r), and name the
 * file and field on error.
 */
public final class SnarkjsJson {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The names snarkjs and others give BN254. */
    private static final java.util.Set<String> CURVE_NAMES = java.util.Set.of("bn128", "bn254", "alt_bn128");

    private SnarkjsJson() {
    }

    /** Parses a JSON file, with a clear error for a missing file or malformed JSON. */
    public static JsonNode read(Path path) throws IOException {
        try {
            return JSON.readTree(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new InvalidFileException(path + ": no such file");
        } catch (JsonProcessingException e) {
            throw new InvalidFileException(path + ": malformed JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** Parses JSON bytes read from {@code name}, with a clear error for malformed JSON. */
    public static JsonNode read(byte[] bytes, String name) {
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidFileException(name + ": malformed JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // bytes do no I/O
        }
    }

    public static void write(Path path, JsonNode node) throws IOException {
        Files.write(path, JSON.writeValueAsBytes(node));
    }

    public static ObjectNode proof(Proof p) {
        ObjectNode o = JSON.createObjectNode();
        o.set("pi_a", JSON.valueToTree(p.a().toSnarkjs()));
        o.set("pi_b", JSON.valueToTree(p.b().toSnarkjs()));
        o.set("pi_c", JSON.valueToTree(p.c().toSnarkjs()));
        o.put("protocol", "groth16");
        o.put("curve", "bn128");
        return o;
    }

    public static Proof readProof(JsonNode n, String source) {
        requireObject(n, source);
        if (n.has("protocol") && !"groth16".equals(n.get("protocol").asText())) {
            throw new InvalidFileException(source + ": protocol " + n.get("protocol").asText() + " is not groth16");
        }
        return new Proof(g1(n, "pi_a", source), g2(n, "pi_b", source), g1(n, "pi_c", source));
    }

    /**
     * The line {@code snarkjs zkey export soliditycalldata} prints for a proof and its public
     * signals: A, B and C as 32-byte hex words in EIP-197 order (B's imaginary parts first), then
     * the signals, as a Solidity Groth16 verifier's {@code verifyProof} takes them.
     */
    public static String solidityCalldata(Proof p, List<Fr> publicSignals) {
        byte[] b = p.toEip197();
        String[] w = new String[8];
        for (int i = 0; i < 8; i++) {
            w[i] = "\"0x" + java.util.HexFormat.of().formatHex(b, 32 * i, 32 * i + 32) + "\"";
        }
        StringBuilder s = new StringBuilder();
        s.append('[').append(w[0]).append(", ").append(w[1]).append("],");
        s.append("[[").append(w[2]).append(", ").append(w[3]).append("],[").append(w[4]).append(", ").append(w[5]).append("]],");
        s.append('[').append(w[6]).append(", ").append(w[7]).append("],[");
        for (int i = 0; i < publicSignals.size(); i++) {
            s.append(i == 0 ? "" : ",").append(String.format("\"0x%064x\"", publicSignals.get(i).toBigInteger()));
        }
        return s.append(']').toString();
    }

    public static ArrayNode publicSignals(List<Fr> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(v -> a.add(v.toString()));
        return a;
    }

    public static List<Fr> readPublicSignals(JsonNode n, String source) {
        if (n == null || !n.isArray()) {
            throw new InvalidFileException(source + ": expected a JSON array of decimal strings");
        }
        List<Fr> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            try {
                out.add(Fr.parse(n.get(i).asText()));
            } catch (IllegalArgumentException e) {
                throw new InvalidFileException(source + ": public signal " + i + " is not a canonical field element"
                        + " (a decimal integer below r)");
            }
        }
        return out;
    }

    public static ObjectNode verificationKey(VerificationKey vk) {
        ObjectNode o = JSON.createObjectNode();
        o.put("protocol", "groth16");
        o.put("curve", "bn128");
        o.put("nPublic", vk.numPublic());
        o.set("vk_alpha_1", JSON.valueToTree(vk.alpha1().toSnarkjs()));
        o.set("vk_beta_2", JSON.valueToTree(vk.beta2().toSnarkjs()));
        o.set("vk_gamma_2", JSON.valueToTree(vk.gamma2().toSnarkjs()));
        o.set("vk_delta_2", JSON.valueToTree(vk.delta2().toSnarkjs()));
        Fp[] c = vk.alphaBeta().coefficients();
        ArrayNode ab = JSON.createArrayNode();
        for (int half = 0; half < 2; half++) {
            ArrayNode h = ab.addArray();
            for (int k = 0; k < 3; k++) {
                ArrayNode pair = h.addArray();
                pair.add(c[6 * half + 2 * k].toString());
                pair.add(c[6 * half + 2 * k + 1].toString());
            }
        }
        o.set("vk_alphabeta_12", ab);
        ArrayNode ic = o.putArray("IC");
        vk.ic().forEach(p -> ic.add(JSON.valueToTree(p.toSnarkjs())));
        if (!vk.metadata().isEmpty()) {
            o.set("loraproof", JSON.valueToTree(vk.metadata()));
        }
        return o;
    }

    public static VerificationKey readVerificationKey(JsonNode n, String source) {
        requireObject(n, source);
        if (n.has("protocol") && !"groth16".equals(n.get("protocol").asText())) {
            throw new InvalidFileException(source + ": protocol " + n.get("protocol").asText() + " is not groth16");
        }
        if (n.has("curve") && !CURVE_NAMES.contains(n.get("curve").asText().toLowerCase(java.util.Locale.ROOT))) {
            throw new InvalidFileException(source + ": curve " + n.get("curve").asText() + " is not BN254 (bn128)");
        }
        JsonNode icNode = n.get("IC");
        if (icNode == null || !icNode.isArray() || icNode.isEmpty()) {
            throw new InvalidFileException(source + ": IC missing");
        }
        if (n.has("nPublic") && n.get("nPublic").asInt(-1) != icNode.size() - 1) {
            throw new InvalidFileException(source + ": nPublic " + n.get("nPublic").asText() + " does not match "
                    + (icNode.size() - 1) + " IC points");
        }
        List<G1Point> ic = new ArrayList<>();
        for (int i = 0; i < icNode.size(); i++) {
            ic.add(g1(icNode, i, source, "IC[" + i + "]"));
        }
        G1Point alpha = g1(n, "vk_alpha_1", source);
        G2Point beta = g2(n, "vk_beta_2", source);
        Fp12 alphaBeta = Pairing.pair(alpha, beta);
        JsonNode ab = n.get("vk_alphabeta_12");
        if (ab != null && !alphaBeta.equals(fp12(ab, source))) {
            throw new InvalidFileException(source + ": vk_alphabeta_12 is not e(vk_alpha_1, vk_beta_2)");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        if (n.has("loraproof")) {
            n.get("loraproof").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
        }
        return new VerificationKey(alpha, beta, g2(n, "vk_gamma_2", source), g2(n, "vk_delta_2", source), ic,
                alphaBeta, meta);
    }

    private static Fp12 fp12(JsonNode ab, String source) {
        try {
            Fp[] c = new Fp[12];
            for (int half = 0; half < 2; half++) {
                for (int k = 0; k < 3; k++) {
                    c[6 * half + 2 * k] = Fp.parse(ab.get(half).get(k).get(0).asText());
                    c[6 * half + 2 * k + 1] = Fp.parse(ab.get(half).get(k).get(1).asText());
                }
            }
            return Fp12.of(c);
        } catch (RuntimeException e) {
            throw new InvalidFileException(source + ": vk_alphabeta_12 is malformed");
        }
    }

    private static void requireObject(JsonNode n, String source) {
        if (n == null || !n.isObject()) {
            throw new InvalidFileException(source + ": expected a JSON object");
        }
    }

    private static G1Point g1(JsonNode parent, String field, String source) {
        JsonNode n = parent.get(field);
        if (n == null) {
            throw new InvalidFileException(source + ": " + field + " missing");
        }
        return g1Point(n, source, field);
    }

    private static G1Point g1(JsonNode array, int index, String source, String what) {
        return g1Point(array.get(index), source, what);
    }

    private static G1Point g1Point(JsonNode n, String source, String what) {
        try {
            if (n == null || !n.isArray()) {
                throw new InvalidPointException("not an array");
            }
            List<String> c = new ArrayList<>();
            n.forEach(x -> c.add(x.asText()));
            return G1Point.fromSnarkjs(c);
        } catch (InvalidPointException e) {
            throw new InvalidFileException(source + ": " + what + " is not a valid G1 point (" + e.getMessage() + ")");
        }
    }

    private static G2Point g2(JsonNode parent, String field, String source) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isArray()) {
            throw new InvalidFileException(source + ": " + field + " missing");
        }
        try {
            List<List<String>> c = new ArrayList<>();
            for (JsonNode pair : n) {
                List<String> p = new ArrayList<>();
                pair.forEach(x -> p.add(x.asText()));
                c.add(p);
            }
            return G2Point.fromSnarkjs(c);
        } catch (InvalidPointException e) {
            throw new InvalidFileException(source + ": " + field + " is not a valid G2 point (" + e.getMessage() + ")");
        }
    }
}
