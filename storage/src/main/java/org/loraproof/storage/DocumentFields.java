package org.loraproof.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loraproof.circuit.bn254.Fr;

/**
 * The fields of one JSON object of a stored document, read by name: a missing or mistyped field is an
 * error naming the document and the field's path, never the field's value (openings are private).
 */
final class DocumentFields {
    private final JsonNode node;
    private final String source;
    private final String path;

    DocumentFields(JsonNode node, String source) {
        this(node, source, "");
    }

    private DocumentFields(JsonNode node, String source, String path) {
        this.node = node;
        this.source = source;
        this.path = path;
    }

    Artifacts.InvalidArtifactException invalid(String key, String what) {
        return new Artifacts.InvalidArtifactException(source + ": " + path + key + " is missing or not " + what);
    }

    boolean has(String key) {
        return node.hasNonNull(key);
    }

    DocumentFields object(String key) {
        JsonNode n = node.get(key);
        if (n == null || !n.isObject()) {
            throw invalid(key, "an object");
        }
        return new DocumentFields(n, source, path + key + ".");
    }

    /** The names of this object's fields, in document order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    List<DocumentFields> objects(String key) {
        JsonNode n = array(key);
        List<DocumentFields> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isObject()) {
                throw invalid(key + "[" + i + "]", "an object");
            }
            out.add(new DocumentFields(n.get(i), source, path + key + "[" + i + "]."));
        }
        return out;
    }

    List<Fr> elements(String key) {
        JsonNode n = array(key);
        List<Fr> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(element(n.get(i), key + "[" + i + "]"));
        }
        return List.copyOf(out);
    }

    /** An object of field elements by name, in document order. */
    Map<String, Fr> elementMap(String key) {
        DocumentFields o = object(key);
        Map<String, Fr> out = new LinkedHashMap<>();
        for (String k : o.keys()) {
            out.put(k, o.element(k));
        }
        return Collections.unmodifiableMap(out);
    }

    String text(String key) {
        JsonNode n = node.get(key);
        if (n == null || !n.isTextual()) {
            throw invalid(key, "text");
        }
        return n.asText();
    }

    /** Text, or null when the field is missing, JSON null or empty. */
    String optionalText(String key) {
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw invalid(key, "text");
        }
        return n.asText().isEmpty() ? null : n.asText();
    }

    int integer(String key) {
        JsonNode n = node.get(key);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
            throw invalid(key, "an integer");
        }
        return n.asInt();
    }

    long integer64(String key) {
        JsonNode n = node.get(key);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw invalid(key, "an integer");
        }
        return n.asLong();
    }

    double number(String key) {
        JsonNode n = node.get(key);
        if (n == null || !n.isNumber()) {
            throw invalid(key, "a number");
        }
        return n.asDouble();
    }

    boolean bool(String key) {
        JsonNode n = node.get(key);
        if (n == null || !n.isBoolean()) {
            throw invalid(key, "true or false");
        }
        return n.asBoolean();
    }

    Fr element(String key) {
        return element(node.get(key), key);
    }

    private Fr element(JsonNode n, String key) {
        if (n == null || !n.isTextual()) {
            throw invalid(key, "a field element");
        }
        try {
            return Fr.parse(n.asText());
        } catch (IllegalArgumentException e) {
            throw invalid(key, "a field element");
        }
    }

    private JsonNode array(String key) {
        JsonNode n = node.get(key);
        if (n == null || !n.isArray()) {
            throw invalid(key, "an array");
        }
        return n;
    }
}
