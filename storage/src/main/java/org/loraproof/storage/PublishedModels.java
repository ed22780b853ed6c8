package org.loraproof.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.loraproof.circuit.bn254.Fr;

/**
 * The models published in a store. A commitment, once published, is never changed:
 * {@code models/<m>/commitments/<sha256>.json} keeps every commitment by the SHA-256 of its bytes,
 * {@code models/<m>/openings/<sha256>.bin} its private blinds, and {@code models/<m>/commitment.json}
 * (the same bytes as the newest) says which is current. A commit writes the first two, then the
 * current one last, so a crash leaves the earlier pair current and whole.
 */
public final class PublishedModels {
    /** A plain name: no path segments, nothing hidden. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final ArtifactStore store;

    public PublishedModels(ArtifactStore store) {
        this.store = store;
    }

    /** A published commitment: its document, the SHA-256 of its bytes, and whether it is the model's current one. */
    public record Commitment(String model, JsonNode doc, String sha256, boolean current) {
    }

    /** {@code name} when it is a plain name (letters, digits, '.', '_', '-'; no '/', no '..'), else an error. */
    public static String plainName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException(what + " '" + name + "' is not a plain name (letters, digits, '.', '_' "
                    + "and '-', starting with a letter or digit, no '..')");
        }
        return name;
    }

    private static String dir(String model) {
        return "models/" + plainName("model", model) + "/";
    }

    public static String currentPath(String model) {
        return dir(model) + "commitment.json";
    }

    public static String historyPath(String model, String sha256) {
        return dir(model) + "commitments/" + sha256 + ".json";
    }

    public static String openingPath(String model, String sha256) {
        return dir(model) + "openings/" + sha256 + ".bin";
    }

    public boolean exists(String model) throws IOException {
        return store.exists(currentPath(model));
    }

    /** An error unless no model of this name is published. */
    public void requireNew(String model) throws IOException {
        if (exists(model)) {
            throw new IllegalArgumentException("model '" + model + "' is already published in " + store.resolve("models")
                    + ": a published commitment is not changed; commit under another name, or give --replace to publish "
                    + "a new one (the earlier stays, and its proofs still verify against it)");
        }
    }

    /**
     * Publishes a commitment and its blinds. An existing model is refused unless {@code replace};
     * the commitment it replaces stays published (its proofs still verify against it).
     */
    public Commitment publish(String model, ObjectNode doc, Map<String, Fr> blinds, boolean replace) throws IOException {
        return publish(model, doc, blinds, null, replace);
    }

    /**
     * As {@link #publish(String, ObjectNode, Map, boolean)}, with more private data in the opening
     * (what proofs need of the stored trees: never public, since it derives from private weights).
     */
    public Commitment publish(String model, ObjectNode doc, Map<String, Fr> blinds, ObjectNode privateData, boolean replace)
            throws IOException {
        if (!replace) {
            requireNew(model);
        }
        byte[] bytes = Artifacts.bytes(doc);
        String sha = Artifacts.sha256(bytes);
        ObjectNode opening = Artifacts.document(Artifacts.OPENING);
        opening.put("model", model);
        opening.put("commitment", sha);
        ObjectNode b = opening.putObject("blinds");
        blinds.forEach((k, v) -> b.put(k, v.toString()));
        if (privateData != null) {
            opening.setAll(privateData);
        }
        store.writePrivate(openingPath(model, sha), Artifacts.bytes(opening));
        store.write(historyPath(model, sha), bytes);
        if (replace) {
            store.write(currentPath(model), bytes); // last: until here the earlier pair is current
        } else {
            try {
                store.writeNew(currentPath(model), bytes); // a commit of the same name meanwhile cannot be replaced
            } catch (java.nio.file.FileAlreadyExistsException e) {
                requireNew(model);
                throw e;
            }
        }
        return new Commitment(model, doc, sha, true);
    }

    /** The model's current commitment. */
    public Commitment current(String model) throws IOException {
        String path = currentPath(model);
        if (!store.exists(path)) {
            throw new IllegalArgumentException("no model '" + model + "' is published in " + store.resolve("models")
                    + " (run loraproof commit first)");
        }
        byte[] bytes = store.read(path);
        return new Commitment(model, Artifacts.parse(bytes, store.resolve(path).toString(), Artifacts.COMMITMENT),
                Artifacts.sha256(bytes), true);
    }

    /** A commitment the model published, current or replaced, by the SHA-256 of its bytes. */
    public Commitment bySha256(String model, String sha256) throws IOException {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("'" + sha256 + "' is not a commitment's SHA-256");
        }
        String path = historyPath(model, sha256);
        if (!store.exists(path)) {
            throw new IllegalArgumentException("model '" + model + "' published no commitment " + sha256);
        }
        byte[] bytes = store.read(path);
        if (!Artifacts.sha256(bytes).equals(sha256)) {
            throw new IllegalArgumentException(store.resolve(path) + " changed after it was published (its SHA-256 is no "
                    + "longer its name)");
        }
        boolean current = store.exists(currentPath(model))
                && Artifacts.sha256(store.read(currentPath(model))).equals(sha256);
        return new Commitment(model, Artifacts.parse(bytes, store.resolve(path).toString(), Artifacts.COMMITMENT), sha256,
                current);
    }

    /** The blinds of a commitment, from its private opening. Errors name the file, never its content. */
    public Map<String, Fr> blinds(Commitment c) throws IOException {
        return blinds(c, opening(c));
    }

    /** A commitment's private opening, checked to be this commitment's. Errors name the file, never its content. */
    public JsonNode opening(Commitment c) throws IOException {
        String path = openingPath(c.model(), c.sha256());
        String where = store.resolve(path).toString();
        if (!store.exists(path)) {
            throw new IllegalArgumentException(where + ": no opening for model '" + c.model() + "''s commitment (only "
                    + "the store that committed it has one)");
        }
        JsonNode opening;
        try {
            opening = Artifacts.JSON.readTree(store.read(path));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + ": the opening is not readable JSON (its content is private and "
                    + "not shown)");
        }
        if (opening == null || !Artifacts.OPENING.equals(opening.path("format").asText())
                || !c.sha256().equals(opening.path("commitment").asText()) || !opening.path("blinds").isObject()) {
            throw new IllegalArgumentException(where + ": not the opening of this commitment");
        }
        return opening;
    }

    /** The blinds of an opening read by {@link #opening}. */
    public Map<String, Fr> blinds(Commitment c, JsonNode opening) {
        String where = store.resolve(openingPath(c.model(), c.sha256())).toString();
        Map<String, Fr> blinds = new LinkedHashMap<>();
        var it = opening.get("blinds").fields();
        while (it.hasNext()) {
            var e = it.next();
            try {
                blinds.put(e.getKey(), Fr.parse(e.getValue().asText()));
            } catch (RuntimeException bad) {
                throw new IllegalArgumentException(where + ": blind '" + e.getKey() + "' is not a field element (its "
                        + "value is private and not shown)");
            }
        }
        return blinds;
    }
}
