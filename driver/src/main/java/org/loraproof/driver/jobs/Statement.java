package org.loraproof.driver.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/** The statements loraproof proves, as their artifacts and the command line name them. */
public enum Statement {
    /** Merged weights = base + s·B·A at k sampled positions. */
    LORA_MERGE("lora-merge"),
    /** One SGD step of a LoRA adapter. */
    LORA_UPDATE("lora-update"),
    /** One SGD step of a whole weight matrix. */
    SGD_UPDATE("sgd-update");

    final String id;

    Statement(String id) {
        this.id = id;
    }

    /** The statement of this name; an unknown one is refused, naming the choices. */
    public static Statement named(String id) {
        for (Statement s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown statement '" + id + "'; choose one of "
                + Arrays.stream(values()).map(s -> s.id).toList());
    }

    /** The statement a model's commitment was made for (lora-merge for commitments older than the field). */
    public static Statement of(JsonNode commitment) {
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
