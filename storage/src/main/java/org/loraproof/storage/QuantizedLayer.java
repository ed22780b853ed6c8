package org.loraproof.storage;

import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.Quantizer;

/**
 * One layer in fixed point, ready to commit and prove: W_base and W_eff (d_out × d_in), LoRA A
 * (r × d_in) and B (d_out × r), row-major, and the adapter's scale s ({@link PeftAdapter#scale()}) as
 * s_q = q(s).
 *
 * @param dOut rows
 * @param dIn columns
 * @param rank r
 * @param base quantized W_base
 * @param eff quantized W_eff
 * @param a quantized A
 * @param b quantized B
 * @param sQ q(s)
 * @param scale s
 */
public record QuantizedLayer(int dOut, int dIn, int rank, long[] base, long[] eff, long[] a, long[] b, long sQ,
        double scale) {

    /**
     * Reads and quantizes a layer: {@code tensor} in the base and merged safetensors files, and the
     * matching LoRA layer of the PEFT adapter directory. Shapes are checked against each other from
     * the files' headers before any weight is read.
     */
    public static QuantizedLayer load(String baseUri, String mergedUri, String adapterDir, String tensor, String layer,
            FixedPointParams p, Configuration conf) throws IOException {
        return load(baseUri, mergedUri, adapterDir, tensor, layer, p, conf, true);
    }

    /**
     * As {@link #load(String, String, String, String, String, FixedPointParams, Configuration)}; without
     * {@code weights}, base and eff stay unread (null), for jobs that read the weight matrices by blocks.
     */
    public static QuantizedLayer load(String baseUri, String mergedUri, String adapterDir, String tensor, String layer,
            FixedPointParams p, Configuration conf, boolean weights) throws IOException {
        PeftAdapter adapter = PeftAdapter.open(adapterDir, layer, conf);
        try (Safetensors base = Safetensors.open(baseUri, conf); Safetensors merged = Safetensors.open(mergedUri, conf);
                Safetensors lora = Safetensors.open(adapter.weightsUri(), conf)) {
            int[] s = base.matrixShape(tensor), m = merged.matrixShape(tensor);
            if (!Arrays.equals(s, m)) {
                throw new InvalidModelException(mergedUri + ": " + tensor + " has shape " + Arrays.toString(m)
                        + ", but in " + baseUri + " it has " + Arrays.toString(s));
            }
            if (adapter.dIn() != s[1] || adapter.dOut() != s[0]) {
                throw new InvalidModelException(adapter.weightsUri() + ": " + adapter.layer()
                        + " adapts a layer of shape [" + adapter.dOut() + ", " + adapter.dIn() + "], but " + baseUri + ": "
                        + tensor + " has shape " + Arrays.toString(s) + " (another layer, or another model?)");
            }
            long[] w = weights ? Quantizer.quantize(base.read(tensor), s, baseUri + ": " + tensor, p) : null;
            long[] eff = weights ? Quantizer.quantize(merged.read(tensor), s, mergedUri + ": " + tensor, p) : null;
            long[] a = Quantizer.quantize(lora.read(adapter.aTensor()), lora.matrixShape(adapter.aTensor()),
                    adapter.weightsUri() + ": " + adapter.aTensor(), p);
            long[] b = Quantizer.quantize(lora.read(adapter.bTensor()), lora.matrixShape(adapter.bTensor()),
                    adapter.weightsUri() + ": " + adapter.bTensor(), p);
            long sQ = Quantizer.quantize(adapter.scale(), p);
            return new QuantizedLayer(s[0], s[1], adapter.rank(), w, eff, a, b, sQ, adapter.scale());
        }
    }
}
