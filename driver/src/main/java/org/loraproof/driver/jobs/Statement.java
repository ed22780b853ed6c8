package org.loraproof.driver.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.LoraMergeCircuit;
import org.loraproof.circuit.lora.LoraMergeShape;
import org.loraproof.circuit.lora.UpdateCircuit;
import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.storage.Artifacts;

/**
 * A statement of a given shape: what its circuit is called, its public inputs in order, its shape
 * as artifacts record it, and its circuit code. A record for each kind of statement.
 */
public sealed interface Statement permits Statement.LoraMerge, Statement.Update {
    Kind kind();

    /** The id of its circuit under {@code circuits/}. */
    String circuitId();

    /** Its public inputs' names, in order. */
    List<String> publicInputs();

    /** Its shape as {@code setup.json} and proofs record it. */
    ObjectNode shapeJson();

    /** Its circuit, without a witness (as setup runs it). */
    void synthesize(ConstraintSystem cs);

    /** The statement a published commitment makes; k samples for lora-merge (ignored otherwise). */
    static Statement of(JsonNode commitment, int samples) {
        return Kind.of(commitment).sampled() ? new LoraMerge(LoraMergeJob.shape(commitment, samples))
                : new Update(UpdateJob.shape(commitment));
    }

    /** Merged weights = base + s·B·A at k sampled positions. */
    record LoraMerge(LoraMergeShape shape) implements Statement {
        @Override
        public Kind kind() {
            return Kind.LORA_MERGE;
        }

        @Override
        public String circuitId() {
            FixedPointParams p = shape.params();
            return "lora-merge-" + shape.dOut() + "x" + shape.dIn() + "-r" + shape.rank() + "-k" + shape.samples() + "-f"
                    + p.fractionalBits() + "v" + p.valueBits() + "l" + p.leafSize();
        }

        @Override
        public List<String> publicInputs() {
            return LoraMergeCircuit.PUBLIC_INPUTS;
        }

        @Override
        public ObjectNode shapeJson() {
            ObjectNode n = Artifacts.JSON.createObjectNode();
            n.put("dOut", shape.dOut());
            n.put("dIn", shape.dIn());
            n.put("rank", shape.rank());
            n.put("samples", shape.samples());
            n.set("params", LoraMergeJob.params(shape.params()));
            return n;
        }

        @Override
        public void synthesize(ConstraintSystem cs) {
            LoraMergeCircuit.synthesize(cs, shape, null);
        }
    }

    /** One SGD step, of a LoRA adapter (lora-update) or of a whole weight matrix (sgd-update). */
    record Update(UpdateCircuit.Shape shape) implements Statement {
        @Override
        public Kind kind() {
            return Kind.named(shape.statement());
        }

        @Override
        public String circuitId() {
            JsonNode j = shapeJson();
            FixedPointParams p = shape.params();
            return shape.statement() + "-" + j.get("dOut").asInt() + "x" + j.get("dIn").asInt()
                    + (j.has("rank") ? "-r" + j.get("rank").asInt() : "") + "-f" + p.fractionalBits() + "v" + p.valueBits()
                    + "l" + p.leafSize();
        }

        @Override
        public List<String> publicInputs() {
            return shape.publicInputs();
        }

        @Override
        public ObjectNode shapeJson() {
            ObjectNode n = Artifacts.JSON.createObjectNode();
            n.put("statement", shape.statement());
            List<UpdateCircuit.Tensor> t = shape.tensors();
            if (shape.statement().equals(Kind.LORA_UPDATE.id)) {
                n.put("dOut", t.get(1).rows());
                n.put("dIn", t.get(0).cols());
                n.put("rank", t.get(0).rows());
            } else {
                n.put("dOut", t.get(0).rows());
                n.put("dIn", t.get(0).cols());
            }
            n.set("params", LoraMergeJob.params(shape.params()));
            return n;
        }

        @Override
        public void synthesize(ConstraintSystem cs) {
            UpdateCircuit.synthesize(cs, shape, null);
        }
    }

    /** The kinds of statement loraproof proves, as their artifacts and the command line name them. */
    enum Kind {
        /** Merged weights = base + s·B·A at k sampled positions. */
        LORA_MERGE("lora-merge"),
        /** One SGD step of a LoRA adapter. */
        LORA_UPDATE("lora-update"),
        /** One SGD step of a whole weight matrix. */
        SGD_UPDATE("sgd-update");

        final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The kind of this name; an unknown one is refused, naming the choices. */
        public static Kind named(String id) {
            for (Kind s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown statement '" + id + "'; choose one of "
                    + Arrays.stream(values()).map(s -> s.id).toList());
        }

        /** The kind a model's commitment was made for (lora-merge for commitments older than the field). */
        public static Kind of(JsonNode commitment) {
            return named(commitment.path("statement").asText(LORA_MERGE.id));
        }

        /** Whether its proofs sample positions (and so have a k, a nonce and detection probabilities). */
        public boolean sampled() {
            return this == LORA_MERGE;
        }

        @Override
        public String toString() {
            return id;
        }
    }
}
