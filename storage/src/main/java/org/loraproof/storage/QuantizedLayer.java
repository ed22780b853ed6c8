package org.loraproof.storage;

import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.Quantizer;

/**
 * One layer in fixed point, ready to commit and prove: W_base and W_eff (d_out × d_in), LoRA A
 * (r × d_in) and B (d_out × r), row-major, and the scale s = lora_alpha / r as s_q = q(s).
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
     * matching LoRA layer of the PEFT adapter directory. Shapes are checked against each other.
     */
    public static QuantizedLayer load(String baseUri, String mergedUri, String adapterDir, String tensor, String layer,
            FixedPointParams p, Configuration conf) throws IOException {
        PeftAdapter adapter = PeftAdapter.open(adapterDir, layer, conf);
        long[] base, eff;
        int dOut, dIn;
        try (Safetensors st = Safetensors.open(baseUri, conf)) {
            int[] s = st.matrixShape(tensor);
            dOut = s[0];
            dIn = s[1];
            base = Quantizer.quantize(st.read(tensor), s, baseUri + ": " + tensor, p);
        }
        try (Safetensors st = Safetensors.open(mergedUri, conf)) {
            int[] s = st.matrixShape(tensor);
            if (s[0] != dOut || s[1] != dIn) {
                throw new InvalidModelException(mergedUri + ": " + tensor + " has shape " + Arrays.toString(s)
                        + ", the base has [" + dOut + ", " + dIn + "]");
            }
            eff = Quantizer.quantize(st.read(tensor), s, mergedUri + ": " + tensor, p);
        }
        if (adapter.dIn() != dIn || adapter.dOut() != dOut) {
            throw new InvalidModelException(adapter.weightsUri() + ": " + adapter.layer() + " adapts a " + adapter.dOut()
                    + " × " + adapter.dIn() + " layer, but " + tensor + " is " + dOut + " × " + dIn);
        }
        long[] a, b;
        try (Safetensors st = Safetensors.open(adapter.weightsUri(), conf)) {
            a = Quantizer.quantize(st.read(adapter.aTensor()), st.matrixShape(adapter.aTensor()),
                    adapter.weightsUri() + ": " + adapter.aTensor(), p);
            b = Quantizer.quantize(st.read(adapter.bTensor()), st.matrixShape(adapter.bTensor()),
                    adapter.weightsUri() + ": " + adapter.bTensor(), p);
        }
        long sQ = Quantizer.quantize(adapter.scale(), p);
        return new QuantizedLayer(dOut, dIn, adapter.rank(), base, eff, a, b, sQ, adapter.scale());
    }
}
