package org.loraproof.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.merkle.BlockedTree;

/**
 * A commitment's private opening, {@code models/<m>/openings/<sha256>.bin} (format loraproof-opening):
 * the model, the SHA-256 of the commitment it opens, each tensor's blind, and for a lora-merge
 * commitment the stored trees of base and merged (block roots, node files, and the bytes each block
 * task read of the model files). All of it derives from private data: no value of it appears in an
 * error or in {@link #toString}.
 *
 * @param trees the stored trees, or null (updates; lora-merge commitments made before node files were kept)
 */
public record Opening(String model, String commitment, Map<String, Fr> blinds, Trees trees) {
    public Opening {
        blinds = Collections.unmodifiableMap(new LinkedHashMap<>(blinds));
    }

    /** A model file as a block task read it: its size and modification time, and each block's bytes read. */
    public record ModelFile(String uri, long size, long modified, List<ReadRange> ranges) {
        public ModelFile {
            ranges = List.copyOf(ranges);
        }

        @Override
        public String toString() {
            return "ModelFile[" + uri + ", " + ranges.size() + " ranges]";
        }
    }

    /** The bytes one block task read of a model file, and their SHA-256. */
    public record ReadRange(long offset, long bytes, String sha256) {
        @Override
        public String toString() {
            return "ReadRange[" + offset + ", " + bytes + " bytes]";
        }
    }

    /** A block's node file: its size and SHA-256. */
    public record NodeFile(long bytes, String sha256) {
        @Override
        public String toString() {
            return "NodeFile[" + bytes + " bytes]";
        }
    }

    /** One matrix's stored tree: each block's root, each block's node file, and the model file it was read from. */
    public record Tree(List<Fr> blockRoots, List<NodeFile> nodeFiles, ModelFile input) {
        public Tree {
            blockRoots = List.copyOf(blockRoots);
            nodeFiles = List.copyOf(nodeFiles);
        }

        @Override
        public String toString() {
            return "Tree[" + blockRoots.size() + " blocks (private)]";
        }
    }

    /** Base's and merged's trees, cut into blocks as {@code plan} says; their node files under {@code folder}. */
    public record Trees(String folder, BlockedTree plan, Tree base, Tree eff) {
        /** The tree of base or eff. */
        public Tree of(String name) {
            return switch (name) {
                case "base" -> base;
                case "eff" -> eff;
                default -> throw new IllegalArgumentException("no stored tree '" + name + "'");
            };
        }

        @Override
        public String toString() {
            return "Trees[" + folder + ", " + plan + " (private)]";
        }
    }

    @Override
    public String toString() {
        return "Opening[model " + model + ", commitment " + commitment + ", " + blinds.size() + " blinds"
                + (trees == null ? "" : ", stored trees") + " (private; not shown)]";
    }

    /** The document's bytes. */
    public byte[] toBytes() {
        ObjectNode doc = Artifacts.document(Artifacts.OPENING);
        doc.put("model", model);
        doc.put("commitment", commitment);
        ObjectNode b = doc.putObject("blinds");
        blinds.forEach((k, v) -> b.put(k, v.toString()));
        if (trees != null) {
            ObjectNode t = doc.putObject("trees");
            t.put("folder", trees.folder());
            t.put("leaves", trees.plan().leaves());
            t.put("depth", trees.plan().depth());
            t.put("blockDepth", trees.plan().blockDepth());
            t.put("storedFrom", trees.plan().storedFrom());
            ObjectNode inputs = doc.putObject("inputs");
            for (String name : List.of("base", "eff")) {
                Tree tree = trees.of(name);
                ObjectNode o = t.putObject(name);
                ArrayNode roots = o.putArray("roots");
                tree.blockRoots().forEach(r -> roots.add(r.toString()));
                ArrayNode nodes = o.putArray("nodes");
                tree.nodeFiles().forEach(n -> nodes.addObject().put("bytes", n.bytes()).put("sha256", n.sha256()));
                ObjectNode file = inputs.putObject(name);
                file.put("uri", tree.input().uri());
                file.put("size", tree.input().size());
                file.put("modified", tree.input().modified());
                ArrayNode ranges = file.putArray("ranges");
                tree.input().ranges().forEach(r -> ranges.addObject().put("offset", r.offset()).put("bytes", r.bytes())
                        .put("sha256", r.sha256()));
            }
        }
        return Artifacts.bytes(doc);
    }

    /**
     * Reads an opening's bytes: format and version checked, blinds and trees parsed. Errors name the
     * source and the field, never a value.
     */
    public static Opening read(byte[] bytes, String source) {
        String hidden = " (its content is private and not shown)";
        JsonNode doc;
        try {
            doc = Artifacts.JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) { // a parser's message quotes the bytes
            throw new Artifacts.InvalidArtifactException(source + ": the opening is not readable JSON" + hidden);
        }
        if (doc == null || !doc.isObject() || !Artifacts.OPENING.equals(doc.path("format").asText())
                || !doc.path("blinds").isObject()) {
            throw new Artifacts.InvalidArtifactException(source + ": not a readable opening" + hidden);
        }
        int version = doc.path("version").asInt(-1);
        if (version < 1 || version > Artifacts.VERSION) {
            throw new Artifacts.InvalidArtifactException(source + ": " + (version < 1 ? "missing or invalid version"
                    : "version " + version + " is newer than this loraproof reads (" + Artifacts.VERSION
                            + "); upgrade loraproof"));
        }
        DocumentFields f = new DocumentFields(doc, source);
        Map<String, Fr> blinds = new LinkedHashMap<>();
        var it = doc.get("blinds").fields();
        while (it.hasNext()) {
            var e = it.next();
            try {
                blinds.put(e.getKey(), Fr.parse(e.getValue().asText()));
            } catch (RuntimeException bad) {
                throw new Artifacts.InvalidArtifactException(source + ": blind '" + e.getKey() + "' is not a field "
                        + "element (its value is private and not shown)");
            }
        }
        Trees trees = null;
        if (f.has("trees")) {
            DocumentFields t = f.object("trees"), inputs = f.object("inputs");
            BlockedTree plan;
            try {
                plan = new BlockedTree(t.integer("leaves"), t.integer("depth"), t.integer("blockDepth"),
                        t.integer("storedFrom"));
            } catch (Artifacts.InvalidArtifactException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new Artifacts.InvalidArtifactException(source + ": trees: not a blocked tree" + hidden);
            }
            Tree[] two = new Tree[2];
            for (int k = 0; k < 2; k++) {
                String name = k == 0 ? "base" : "eff";
                DocumentFields tree = t.object(name), file = inputs.object(name);
                List<NodeFile> nodes = new ArrayList<>();
                for (DocumentFields n : tree.objects("nodes")) {
                    nodes.add(new NodeFile(n.integer64("bytes"), n.text("sha256")));
                }
                List<ReadRange> ranges = new ArrayList<>();
                for (DocumentFields r : file.objects("ranges")) {
                    ranges.add(new ReadRange(r.integer64("offset"), r.integer64("bytes"), r.text("sha256")));
                }
                List<Fr> roots = tree.elements("roots");
                if (roots.size() != plan.blocks() || nodes.size() != plan.blocks()) {
                    throw new Artifacts.InvalidArtifactException(source + ": trees." + name + " has not one root and "
                            + "one node file per block" + hidden);
                }
                two[k] = new Tree(roots, nodes, new ModelFile(file.text("uri"), file.integer64("size"),
                        file.integer64("modified"), ranges));
            }
            trees = new Trees(t.text("folder"), plan, two[0], two[1]);
        }
        return new Opening(f.text("model"), f.text("commitment"), blinds, trees);
    }
}
