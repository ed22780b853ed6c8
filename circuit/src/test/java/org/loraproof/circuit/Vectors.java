package org.loraproof.circuit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Loads the independent test vectors of {@code testdata/vectors} (in the repository). */
public final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {
    }

    /** The vectors folder: the {@code loraproof.vectors} property, else found upwards from the working directory. */
    public static Path root() {
        String prop = System.getProperty("loraproof.vectors");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("testdata/vectors").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("test vectors not found: expected testdata/vectors in the repository");
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }

    public static JsonNode json(String relative) {
        try {
            return JSON.readTree(file(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BigInteger big(JsonNode n) {
        return new BigInteger(n.asText());
    }

    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.startsWith("0x") ? s.substring(2) : s);
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
