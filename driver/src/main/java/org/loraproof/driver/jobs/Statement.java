package org.loraproof.driver.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.LoraMergeCircuit;
import org.loraproof.circuit.lora.LoraMergeShape;
import org.loraproof.circuit.lora.UpdateCircuit;
import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.storage.Artifacts;
import org.loraproof.storage.Commitment;

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
    static Statement of(Commitment commitment, int samples) {
        return commitment instanceof Commitment.LoraMerge m ? new LoraMerge(m.shape(samples))
                : new Update(((Commitment.Update) commitment).shape());
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
            n.set("params", Artifacts.params(shape.params()));
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
            ObjectNode j = shapeJson();
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
            return Commitment.Update.shapeJson(shape);
        }

        @Override
        public void synthesize(ConstraintSystem cs) {
            UpdateCircuit.synthesize(cs, shape, null);
        }
    }

    /** The kinds of statement loraproof proves, as their artifacts and the command line name them. */
    enum Kind {
        /** Merged weights = base + s·B·A at k sampled positions. */
        LORA_MERGE(Commitment.LORA_MERGE),
        /** One SGD step of a LoRA adapter. */
        LORA_UPDATE(Commitment.LORA_UPDATE),
        /** One SGD step of a whole weight matrix. */
        SGD_UPDATE(Commitment.SGD_UPDATE);

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

        /** The kind a model's commitment was made for. */
        public static Kind of(Commitment commitment) {
            return named(commitment.statement());
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
