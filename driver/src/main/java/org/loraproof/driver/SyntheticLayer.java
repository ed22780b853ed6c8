package org.loraproof.driver;

import java.io.IOException;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.Path;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Dtype;
import org.loraproof.storage.PeftAdapter;
import org.loraproof.storage.SafetensorsWriter;

/**
 * Writes a synthetic layer: {@code base.safetensors} and {@code merged.safetensors} (tensor
 * {@code weight}, d_out × d_in, F32) and a PEFT adapter directory {@code adapter/} whose layer
 * {@code base_model.model.layer} has lora_A (r × d_in) and lora_B (d_out × r). Base and adapter
 * values are multiples of 2^−16 (so they quantize exactly at f = 16); merged = base + (α/r)·B·A.
 */
final class SyntheticLayer {
    static final String TENSOR = "weight";
    static final String LAYER = "base_model.model.layer";

    private SyntheticLayer() {
    }

    static void write(String dir, int dOut, int dIn, int rank, double alpha, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] base = new float[dOut * dIn], a = new float[rank * dIn], b = new float[dOut * rank];
        for (int i = 0; i < base.length; i++) {
            base[i] = grid(gaussian(rng) * 0.02);
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = grid((rng.nextDouble() * 2 - 1) * 0.05);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = grid(gaussian(rng) * 0.02);
        }
        double s = alpha / rank;
        float[] merged = new float[base.length];
        for (int i = 0; i < dOut; i++) {
            for (int j = 0; j < dIn; j++) {
                double acc = 0;
                for (int k = 0; k < rank; k++) {
                    acc += (double) b[i * rank + k] * a[k * dIn + j];
                }
                merged[i * dIn + j] = (float) (base[i * dIn + j] + s * acc);
            }
        }
        int[] shape = {dOut, dIn};
        new SafetensorsWriter().add(TENSOR, Dtype.F32, shape, base).metadata("format", "pt").write(uri(dir, "base.safetensors"));
        new SafetensorsWriter().add(TENSOR, Dtype.F32, shape, merged).metadata("format", "pt").write(uri(dir, "merged.safetensors"));
        String adapter = uri(dir, "adapter");
        new SafetensorsWriter().add(LAYER + ".lora_A.weight", Dtype.F32, new int[] {rank, dIn}, a)
                .add(LAYER + ".lora_B.weight", Dtype.F32, new int[] {dOut, rank}, b)
                .write(new Path(adapter, PeftAdapter.WEIGHTS).toString());
        String config = "{\n  \"peft_type\": \"LORA\",\n  \"r\": " + rank + ",\n  \"lora_alpha\": " + alpha
                + ",\n  \"target_modules\": [\"layer\"]\n}\n";
        ArtifactStore.writeAtomically(new Path(adapter, PeftAdapter.CONFIG), new org.apache.hadoop.conf.Configuration(),
                config.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String uri(String dir, String name) {
        return new Path(dir, name).toString();
    }

    private static float grid(double x) {
        return (float) (Math.rint(x * 65536) / 65536);
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble(), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
