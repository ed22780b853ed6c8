package org.loraproof.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.LoraMergeShape;
import org.loraproof.circuit.lora.UpdateCircuit;

/**
 * A model's public commitment, {@code models/<m>/commitment.json} (format loraproof-commitment): the
 * statement it was made for, the number format, the shape, where the tensors were read from, and the
 * public inputs a proof of it must have (the tensors' commitments C). A lora-merge commitment adds the
 * scale, the tolerance τ and each tensor's C. Published commitments are known by the SHA-256 of their
 * bytes, so {@link #toBytes} writes what the commit always wrote, field for field.
 */
public sealed interface Commitment permits Commitment.LoraMerge, Commitment.Update {
    String LORA_MERGE = "lora-merge";
    String LORA_UPDATE = "lora-update";
    String SGD_UPDATE = "sgd-update";

    String model();

    /** The statement's name: lora-merge, lora-update or sgd-update. */
    String statement();

    FixedPointParams params();

    /** The public inputs it publishes, by name, in the order written (the tensors' C). */
    Map<String, Fr> publicInputs();

    /** The document's bytes. */
    byte[] toBytes();

    /**
     * Reads a commitment's bytes: format and version checked, every field parsed; errors name the
     * source and the field. A commitment without a statement is a lora-merge one, without a
     * tolerance one of 1 ulp (both predate the fields).
     */
    static Commitment read(byte[] bytes, String source) {
        JsonNode doc = Artifacts.parse(bytes, source, Artifacts.COMMITMENT);
        DocumentFields f = new DocumentFields(doc, source);
        String statement = f.has("statement") ? f.text("statement") : LORA_MERGE;
        String model = f.text("model");
        try {
            DocumentFields p = f.object("params");
            FixedPointParams params = new FixedPointParams(p.integer("f"), p.integer("V"), p.integer("L"));
            DocumentFields shape = f.object("shape");
            DocumentFields src = f.object("sources");
            Map<String, Fr> publicInputs = f.elementMap("publicInputs");
            switch (statement) {
                case LORA_MERGE -> {
                    Map<String, Tensor> tensors = new LinkedHashMap<>();
                    DocumentFields c = f.object("commitments");
                    for (String t : c.keys()) {
                        DocumentFields one = c.object(t);
                        tensors.put(t, new Tensor(one.element("C"), one.bool("public") ? one.element("root") : null));
                    }
                    return new LoraMerge(model, params, new MergeSources(src.text("base"), src.text("merged"),
                            src.text("adapter"), src.text("tensor"), src.optionalText("layer")), shape.integer("dOut"),
                            shape.integer("dIn"), shape.integer("rank"), f.number("scale"), f.integer64("s_q"),
                            f.has("tolerance") ? f.integer64("tolerance") : 1, publicInputs, tensors);
                }
                case LORA_UPDATE, SGD_UPDATE -> {
                    return new Update(model, statement, params, shape.integer("dOut"), shape.integer("dIn"),
                            statement.equals(LORA_UPDATE) ? shape.integer("rank") : 0, new UpdateSources(
                                    src.text("before"), src.text("after"), src.text("gradients"),
                                    src.optionalText("tensor"), src.optionalText("layer")), publicInputs);
                }
                default -> throw new Artifacts.InvalidArtifactException(source + ": unknown statement '" + statement
                        + "'; one of " + List.of(LORA_MERGE, LORA_UPDATE, SGD_UPDATE));
            }
        } catch (Artifacts.InvalidArtifactException e) {
            throw e;
        } catch (IllegalArgumentException e) { // a value the records refuse (params, dimensions)
            throw new Artifacts.InvalidArtifactException(source + ": " + e.getMessage());
        }
    }

    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    private static void positive(int... dims) {
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("a commitment's dimensions are positive, got " + d);
            }
        }
    }

    /** Where a lora-merge model's tensors were read from (layer null: the adapter's only one). */
    record MergeSources(String base, String merged, String adapter, String tensor, String layer) {
    }

    /** A tensor's published commitment C, and its Merkle root when the tensor is public (the base), else null. */
    record Tensor(Fr commitment, Fr root) {
    }

    /**
     * A lora-merge commitment: merged = base + s·B·A, for a d_out × d_in layer and a rank-r adapter,
     * with s_q = q(s) and the tolerance τ proofs may use; {@code tensors} by name: base, eff, A, B.
     */
    record LoraMerge(String model, FixedPointParams params, MergeSources sources, int dOut, int dIn, int rank,
            double scale, long sQ, long tolerance, Map<String, Fr> publicInputs, Map<String, Tensor> tensors)
            implements Commitment {
        /** The tensors it commits: base and merged weights, the adapter's A and B. */
        public static final List<String> TENSORS = List.of("base", "eff", "A", "B");

        public LoraMerge {
            positive(dOut, dIn, rank);
            if (!tensors.keySet().containsAll(TENSORS)) {
                throw new IllegalArgumentException("commitments has " + tensors.keySet() + ", not " + TENSORS);
            }
            publicInputs = ordered(publicInputs);
            tensors = ordered(tensors);
        }

        @Override
        public String statement() {
            return LORA_MERGE;
        }

        /** The shape of its circuit for k samples. */
        public LoraMergeShape shape(int samples) {
            return new LoraMergeShape(dOut, dIn, rank, samples, params);
        }

        @Override
        public byte[] toBytes() {
            ObjectNode doc = Artifacts.document(Artifacts.COMMITMENT);
            doc.put("model", model);
            doc.set("params", Artifacts.params(params));
            ObjectNode src = doc.putObject("sources");
            src.put("base", sources.base());
            src.put("merged", sources.merged());
            src.put("adapter", sources.adapter());
            src.put("tensor", sources.tensor());
            src.put("layer", sources.layer() == null ? "" : sources.layer());
            ObjectNode shape = doc.putObject("shape");
            shape.put("dOut", dOut);
            shape.put("dIn", dIn);
            shape.put("rank", rank);
            doc.put("scale", scale);
            doc.put("s_q", sQ);
            doc.put("tolerance", tolerance);
            ObjectNode published = doc.putObject("publicInputs");
            publicInputs.forEach((name, c) -> published.put(name, c.toString()));
            doc.put("statement", LORA_MERGE);
            ObjectNode c = doc.putObject("commitments");
            tensors.forEach((name, t) -> {
                ObjectNode o = c.putObject(name);
                o.put("C", t.commitment().toString());
                o.put("root", t.root() == null ? null : t.root().toString());
                o.put("public", t.root() != null);
            });
            return Artifacts.bytes(doc);
        }
    }

    /** Where an update's tensors were read from: adapter folders or safetensors files, and their gradients. */
    record UpdateSources(String before, String after, String gradients, String tensor, String layer) {
    }

    /** An update commitment (lora-update: rank ≥ 1; sgd-update: rank 0): one SGD step's before, gradients, after. */
    record Update(String model, String statement, FixedPointParams params, int dOut, int dIn, int rank,
            UpdateSources sources, Map<String, Fr> publicInputs) implements Commitment {
        public Update {
            if (!statement.equals(LORA_UPDATE) && !statement.equals(SGD_UPDATE)) {
                throw new IllegalArgumentException("'" + statement + "' is not an update statement");
            }
            positive(dOut, dIn);
            if (statement.equals(LORA_UPDATE)) {
                positive(rank);
            }
            publicInputs = ordered(publicInputs);
        }

        /** The commitment of a step of this circuit shape. */
        public static Update of(String model, UpdateCircuit.Shape shape, UpdateSources sources,
                Map<String, Fr> publicInputs) {
            int[] d = dims(shape);
            return new Update(model, shape.statement(), shape.params(), d[0], d[1], d[2], sources, publicInputs);
        }

        /** Its circuit's shape. */
        public UpdateCircuit.Shape shape() {
            return statement.equals(LORA_UPDATE) ? UpdateCircuit.loraUpdate(dOut, dIn, rank, params)
                    : UpdateCircuit.sgdUpdate(dOut, dIn, params);
        }

        /** An update circuit's shape as artifacts record it: statement, dOut, dIn, rank (lora-update), params. */
        public static ObjectNode shapeJson(UpdateCircuit.Shape shape) {
            int[] d = dims(shape);
            ObjectNode n = Artifacts.JSON.createObjectNode();
            n.put("statement", shape.statement());
            n.put("dOut", d[0]);
            n.put("dIn", d[1]);
            if (shape.statement().equals(LORA_UPDATE)) {
                n.put("rank", d[2]);
            }
            n.set("params", Artifacts.params(shape.params()));
            return n;
        }

        /** d_out, d_in and r (0 for sgd-update) of a shape: A is r × d_in, B d_out × r, W d_out × d_in. */
        private static int[] dims(UpdateCircuit.Shape shape) {
            List<UpdateCircuit.Tensor> t = shape.tensors();
            return shape.statement().equals(LORA_UPDATE) ? new int[] {t.get(1).rows(), t.get(0).cols(), t.get(0).rows()}
                    : new int[] {t.get(0).rows(), t.get(0).cols(), 0};
        }

        @Override
        public byte[] toBytes() {
            ObjectNode doc = Artifacts.document(Artifacts.COMMITMENT);
            doc.put("model", model);
            doc.put("statement", statement);
            doc.set("params", Artifacts.params(params));
            doc.set("shape", shapeJson(shape()));
            ObjectNode src = doc.putObject("sources");
            src.put("before", sources.before());
            src.put("after", sources.after());
            src.put("gradients", sources.gradients());
            src.put("tensor", sources.tensor());
            src.put("layer", sources.layer() == null ? "" : sources.layer());
            ObjectNode published = doc.putObject("publicInputs");
            publicInputs.forEach((name, c) -> published.put(name, c.toString()));
            return Artifacts.bytes(doc);
        }
    }
}
