package org.loraproof.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A PEFT LoRA adapter directory: {@code adapter_config.json} (r, lora_alpha, target_modules) and
 * {@code adapter_model.safetensors} with {@code <layer>.lora_A.weight} (r × d_in) and
 * {@code <layer>.lora_B.weight} (d_out × r). The scale is s = lora_alpha / r, or lora_alpha / √r
 * with {@code use_rslora} (rank-stabilized LoRA, Kalajdzievski 2023, as PEFT's LoraLayer scales).
 * Adapters with {@code fan_in_fan_out} (a base layer stored transposed, as GPT-2's Conv1D) are refused.
 *
 * @param directory the adapter directory URI
 * @param rank r
 * @param alpha lora_alpha
 * @param rsLora use_rslora
 * @param targetModules the config's target_modules
 * @param layer the chosen layer's tensor-name prefix
 * @param aTensor the full name of lora_A
 * @param bTensor the full name of lora_B
 * @param dIn columns of A
 * @param dOut rows of B
 */
public record PeftAdapter(String directory, int rank, double alpha, boolean rsLora, List<String> targetModules,
        String layer, String aTensor, String bTensor, int dIn, int dOut) {
    public static final String CONFIG = "adapter_config.json";
    public static final String WEIGHTS = "adapter_model.safetensors";

    public double scale() {
        return rsLora ? alpha / Math.sqrt(rank) : alpha / rank;
    }

    public String weightsUri() {
        return new Path(directory, WEIGHTS).toString();
    }

    /**
     * Opens the adapter and picks the layer whose lora_A/lora_B names contain {@code layer} (or the
     * only one when {@code layer} is null), checking shapes against r.
     */
    public static PeftAdapter open(String directory, String layer, Configuration conf) throws IOException {
        Path dir = new Path(directory);
        FileSystem fs = dir.getFileSystem(conf);
        Path cfg = new Path(dir, CONFIG);
        if (!fs.exists(cfg)) {
            throw new InvalidModelException(cfg + ": no such file (not a PEFT adapter directory?)");
        }
        JsonNode c;
        try (InputStream in = fs.open(cfg)) {
            c = new ObjectMapper().readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidModelException(cfg + ": malformed JSON");
        }
        if (c == null || !c.isObject()) {
            throw new InvalidModelException(cfg + ": malformed (not a JSON object)");
        }
        JsonNode rank = c.path("r");
        if (rank.isMissingNode()) {
            throw new InvalidModelException(cfg + ": missing 'r'");
        }
        if (!rank.isIntegralNumber() || !rank.canConvertToInt() || rank.asInt() < 1) {
            throw new InvalidModelException(cfg + ": 'r' is " + rank + ", expected a whole number of at least 1");
        }
        int r = rank.asInt();
        if (!c.path("lora_alpha").isNumber()) {
            throw new InvalidModelException(cfg + ": missing or invalid 'lora_alpha'");
        }
        double alpha = c.get("lora_alpha").asDouble();
        boolean rsLora = flag(c, "use_rslora", cfg);
        if (flag(c, "fan_in_fan_out", cfg)) {
            throw new InvalidModelException(cfg + ": 'fan_in_fan_out' is true (the base layer stored transposed, as"
                    + " GPT-2's Conv1D); loraproof reads layers stored d_out × d_in only");
        }
        for (String pattern : new String[] {"rank_pattern", "alpha_pattern"}) {
            if (c.path(pattern).isObject() && !c.get(pattern).isEmpty()) {
                throw new InvalidModelException(cfg + ": '" + pattern + "' gives some layers another "
                        + (pattern.startsWith("rank") ? "rank" : "lora_alpha") + "; loraproof reads one r and one "
                        + "lora_alpha per adapter");
            }
        }
        List<String> targets = new ArrayList<>();
        c.path("target_modules").forEach(t -> targets.add(t.asText()));
        String weights = new Path(dir, WEIGHTS).toString();
        try (Safetensors st = Safetensors.open(weights, conf)) {
            List<String> prefixes = new ArrayList<>();
            for (String name : st.tensors().keySet()) {
                if (name.endsWith(".lora_A.weight") && (layer == null || name.contains(layer))) {
                    prefixes.add(name.substring(0, name.length() - ".lora_A.weight".length()));
                }
            }
            if (prefixes.isEmpty()) {
                throw new InvalidModelException(weights + ": no lora_A tensor" + (layer == null ? "" : " for layer '" + layer + "'"));
            }
            if (prefixes.size() > 1) {
                throw new InvalidModelException(weights + ": " + prefixes.size() + " layers match"
                        + (layer == null ? "" : " '" + layer + "'") + "; choose one with --layer (for example "
                        + prefixes.get(0) + ")");
            }
            String prefix = prefixes.get(0);
            String a = prefix + ".lora_A.weight", b = prefix + ".lora_B.weight";
            int[] as = st.matrixShape(a), bs = st.matrixShape(b);
            if (as[0] != r) {
                throw new InvalidModelException(weights + ": " + a + " has shape [" + as[0] + ", " + as[1]
                        + "], expected rank " + r + " rows from " + CONFIG);
            }
            if (bs[1] != r) {
                throw new InvalidModelException(weights + ": " + b + " has shape [" + bs[0] + ", " + bs[1]
                        + "], expected rank " + r + " from " + CONFIG);
            }
            return new PeftAdapter(directory, r, alpha, rsLora, targets, prefix, a, b, as[1], bs[0]);
        }
    }

    /** A boolean setting: false when absent or null (PEFT's default). */
    private static boolean flag(JsonNode config, String key, Path cfg) {
        JsonNode v = config.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new InvalidModelException(cfg + ": '" + key + "' is " + v + ", expected true or false");
        }
        return v.asBoolean();
    }
}
