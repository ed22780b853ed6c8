package org.loraproof.driver;

import com.fasterxml.jackson.databind.JsonNode;

/** The statements loraproof proves. */
final class Statements {
    static final java.util.List<String> ALL = java.util.List.of("lora-merge", "lora-update", "sgd-update");

    private Statements() {
    }

    /** The statement a model's commitment.json was made for (lora-merge for older files). */
    static String of(JsonNode commitment) {
        return commitment.path("statement").asText("lora-merge");
    }

    static String unknown(String statement) {
        return "unknown statement '" + statement + "'; choose one of " + ALL;
    }
}
