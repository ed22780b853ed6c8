package org.loraproof.storage;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.loraproof.circuit.bn254.Fr;

/**
 * The models published in a store. A commitment, once published, is never changed:
 * {@code models/<m>/commitments/<sha256>.json} keeps every commitment by the SHA-256 of its bytes,
 * {@code models/<m>/openings/<sha256>.bin} its private {@link Opening}, and {@code models/<m>/commitment.json}
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

    /** A published commitment: the model it is published under, the SHA-256 of its bytes, whether it is current. */
    public record Published(String model, String sha256, boolean current, Commitment commitment) {
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
     * Publishes a commitment and its private opening (the blinds and, for lora-merge, the stored trees
     * or null) under the commitment's model. An existing model is refused unless {@code replace}; the
     * commitment it replaces stays published (its proofs still verify against it).
     */
    public Published publish(Commitment commitment, Map<String, Fr> blinds, Opening.Trees trees, boolean replace)
            throws IOException {
        String model = commitment.model();
        if (!replace) {
            requireNew(model);
        }
        byte[] bytes = commitment.toBytes();
        String sha = Artifacts.sha256(bytes);
        store.writePrivate(openingPath(model, sha), new Opening(model, sha, blinds, trees).toBytes());
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
        return new Published(model, sha, true, commitment);
    }

    /** The model's current commitment. */
    public Published current(String model) throws IOException {
        String path = currentPath(model);
        if (!store.exists(path)) {
            throw new IllegalArgumentException("no model '" + model + "' is published in " + store.resolve("models")
                    + " (run loraproof commit first)");
        }
        byte[] bytes = store.read(path);
        return new Published(model, Artifacts.sha256(bytes), true,
                Commitment.read(bytes, store.resolve(path).toString()));
    }

    /** A commitment the model published, current or replaced, by the SHA-256 of its bytes. */
    public Published bySha256(String model, String sha256) throws IOException {
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
        return new Published(model, sha256, current, Commitment.read(bytes, store.resolve(path).toString()));
    }

    /** A commitment's private opening, checked to be this commitment's. Errors name the file, never its content. */
    public Opening opening(Published c) throws IOException {
        String path = openingPath(c.model(), c.sha256());
        String where = store.resolve(path).toString();
        if (!store.exists(path)) {
            throw new IllegalArgumentException(where + ": no opening for model '" + c.model() + "''s commitment (only "
                    + "the store that committed it has one)");
        }
        Opening opening = Opening.read(store.read(path), where);
        if (!c.sha256().equals(opening.commitment())) {
            throw new IllegalArgumentException(where + ": not the opening of this commitment");
        }
        return opening;
    }
}
