package org.loraproof.driver.jobs;

import java.io.IOException;
import java.util.SplittableRandom;
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
public final class SyntheticLayer {
    static final String TENSOR = "weight";
    static final String LAYER = "base_model.model.layer";

    private SyntheticLayer() {
    }

    public static void write(String dir, int dOut, int dIn, int rank, double alpha, long seed) throws IOException {
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
                .write(ArtifactStore.child(adapter, PeftAdapter.WEIGHTS));
        String config = "{\n  \"peft_type\": \"LORA\",\n  \"r\": " + rank + ",\n  \"lora_alpha\": " + alpha
                + ",\n  \"target_modules\": [\"layer\"]\n}\n";
        ArtifactStore.writeUri(ArtifactStore.child(adapter, PeftAdapter.CONFIG),
                config.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Writes one SGD step in fixed point: for lora-update an adapter before ({@code adapter/}),
     * after ({@code adapter-after/}) and {@code gradients.safetensors}; for sgd-update
     * {@code before.safetensors}, {@code after.safetensors} and {@code gradients.safetensors}, with
     * after = round(before − η·gradient) exactly as the circuit computes it.
     */
    public static void writeUpdate(String dir, String statement, int dOut, int dIn, int rank, double learningRate, long seed)
            throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        org.loraproof.circuit.lora.FixedPointParams p = org.loraproof.circuit.lora.FixedPointParams.DEFAULT;
        long eta = org.loraproof.circuit.lora.Quantizer.quantize(learningRate, p);
        boolean lora = statement.equals("lora-update");
        int[][] shapes = lora ? new int[][] {{rank, dIn}, {dOut, rank}} : new int[][] {{dOut, dIn}};
        String[] names = lora ? new String[] {LAYER + ".lora_A.weight", LAYER + ".lora_B.weight"} : new String[] {TENSOR};
        SafetensorsWriter before = new SafetensorsWriter(), after = new SafetensorsWriter(), grad = new SafetensorsWriter();
        for (int t = 0; t < shapes.length; t++) {
            int n = shapes[t][0] * shapes[t][1];
            long[] pq = new long[n], gq = new long[n];
            for (int i = 0; i < n; i++) {
                pq[i] = Math.round(gaussian(rng) * 0.02 * 65536);
                gq[i] = Math.round(gaussian(rng) * 0.5 * 65536);
            }
            long[] aq = org.loraproof.circuit.lora.UpdateCircuit.apply(pq, gq, eta, p.fractionalBits());
            before.add(names[t], Dtype.F32, shapes[t], floats(pq));
            grad.add(names[t], Dtype.F32, shapes[t], floats(gq));
            after.add(names[t], Dtype.F32, shapes[t], floats(aq));
        }
        grad.write(uri(dir, "gradients.safetensors"));
        if (lora) {
            String config = "{\n  \"peft_type\": \"LORA\",\n  \"r\": " + rank + ",\n  \"lora_alpha\": " + 2 * rank
                    + ",\n  \"target_modules\": [\"layer\"]\n}\n";
            for (String d : new String[] {"adapter", "adapter-after"}) {
                (d.equals("adapter") ? before : after).write(ArtifactStore.child(uri(dir, d), PeftAdapter.WEIGHTS));
                ArtifactStore.writeUri(ArtifactStore.child(uri(dir, d), PeftAdapter.CONFIG),
                        org.loraproof.storage.HadoopConf.create(), config.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } else {
            before.write(uri(dir, "before.safetensors"));
            after.write(uri(dir, "after.safetensors"));
        }
    }

    private static float[] floats(long[] q) {
        float[] f = new float[q.length];
        for (int i = 0; i < q.length; i++) {
            f[i] = (float) (q[i] / 65536.0);
        }
        return f;
    }

    static String uri(String dir, String name) {
        return ArtifactStore.child(dir, name);
    }

    private static float grid(double x) {
        return (float) (Math.rint(x * 65536) / 65536);
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble(), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
