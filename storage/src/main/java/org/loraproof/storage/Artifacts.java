package org.loraproof.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.loraproof.circuit.lora.FixedPointParams;

/**
 * The artifact formats and where they live under a store:
 * {@code models/<name>/} (public commitments, private openings: {@link PublishedModels}),
 * {@code circuits/<id>/} (circuit.r1cs, verification_key.json, setup.json, pk/), and
 * {@code proofs/<id>.proof.json.gz}. Every document carries {@code format} and {@code version};
 * readers refuse an unknown format or a newer version.
 */
public final class Artifacts {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final int VERSION = 1;
    public static final String COMMITMENT = "loraproof-commitment";
    public static final String OPENING = "loraproof-opening";
    public static final String SETUP = "loraproof-setup";
    public static final String PROOF = "loraproof-proof";
    public static final String REPORT = "loraproof-verification-report";

    private Artifacts() {
    }

    public static String circuitDir(String id) {
        return "circuits/" + id + "/";
    }

    public static String proofPath(String id) {
        return "proofs/" + id + ".proof.json.gz";
    }

    /** A new document with format and version. */
    public static ObjectNode document(String format) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", format);
        o.put("version", VERSION);
        return o;
    }

    /** The number format as documents record it: {@code {f, V, L}}. */
    public static ObjectNode params(FixedPointParams p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("f", p.fractionalBits());
        n.put("V", p.valueBits());
        n.put("L", p.leafSize());
        return n;
    }

    /** Parses a document and checks its format and version. */
    public static JsonNode parse(byte[] bytes, String source, String format) {
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidArtifactException(source + ": malformed JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidArtifactException(source + ": unreadable (" + e.getMessage() + ")");
        }
        if (n == null || !n.isObject()) {
            throw new InvalidArtifactException(source + ": expected a JSON object");
        }
        String f = n.path("format").asText("");
        if (!f.equals(format)) {
            throw new InvalidArtifactException(source + ": format '" + f + "' is not " + format);
        }
        int v = n.path("version").asInt(-1);
        if (v < 1) {
            throw new InvalidArtifactException(source + ": missing or invalid version");
        }
        if (v > VERSION) {
            throw new InvalidArtifactException(source + ": version " + v + " is newer than this loraproof reads ("
                    + VERSION + "); upgrade loraproof");
        }
        return n;
    }

    public static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    public static byte[] gunzip(byte[] content, String source) {
        return gunzip(content, source, Integer.MAX_VALUE - 8);
    }

    /** As {@link #gunzip(byte[], String)}, refusing content that inflates to more than {@code max} bytes. */
    public static byte[] gunzip(byte[] content, String source, int max) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
            byte[] out = in.readNBytes(max + 1);
            if (out.length > max) {
                throw new InvalidArtifactException(source + ": inflates to more than " + max + " bytes");
            }
            return out;
        } catch (ZipException | java.io.EOFException e) {
            throw new InvalidArtifactException(source + ": corrupted gzip (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new InvalidArtifactException(source + ": unreadable gzip (" + e.getMessage() + ")");
        }
    }

    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256Digest().digest(content));
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An artifact that cannot be used; the message names it and the problem. */
    public static final class InvalidArtifactException extends IllegalArgumentException {
        public InvalidArtifactException(String message) {
            super(message);
        }
    }
}
