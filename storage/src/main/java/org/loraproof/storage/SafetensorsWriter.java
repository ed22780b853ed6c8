package org.loraproof.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Writes safetensors files (F32, F16 or BF16 tensors) through {@link ArtifactStore}'s atomic writes. */
public final class SafetensorsWriter {
    private record Entry(Dtype dtype, int[] shape, float[] values) {
    }

    private final Map<String, Entry> tensors = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    public SafetensorsWriter add(String name, Dtype dtype, int[] shape, float[] values) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("tensor " + name + ": " + values.length + " values for shape of " + n);
        }
        tensors.put(name, new Entry(dtype, shape.clone(), values));
        return this;
    }

    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public byte[] toBytes() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        if (!metadata.isEmpty()) {
            header.set("__metadata__", json.valueToTree(metadata));
        }
        long offset = 0;
        for (var e : tensors.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", e.getValue().dtype().name());
            var shape = t.putArray("shape");
            for (int d : e.getValue().shape()) {
                shape.add(d);
            }
            long len = (long) e.getValue().values().length * e.getValue().dtype().bytes();
            t.putArray("data_offsets").add(offset).add(offset + len);
            offset += len;
        }
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        int pad = (8 - h.length % 8) % 8;
        byte[] hp = new byte[h.length + pad];
        System.arraycopy(h, 0, hp, 0, h.length);
        java.util.Arrays.fill(hp, h.length, hp.length, (byte) ' ');
        byte[] out = new byte[(int) (8 + hp.length + offset)];
        long hl = hp.length;
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (hl >>> (8 * i));
        }
        System.arraycopy(hp, 0, out, 8, hp.length);
        int pos = 8 + hp.length;
        for (Entry e : tensors.values()) {
            for (float v : e.values()) {
                switch (e.dtype()) {
                    case F32 -> {
                        int b = Float.floatToRawIntBits(v);
                        out[pos++] = (byte) b;
                        out[pos++] = (byte) (b >>> 8);
                        out[pos++] = (byte) (b >>> 16);
                        out[pos++] = (byte) (b >>> 24);
                    }
                    case F16 -> {
                        int b = Dtype.floatToHalf(v);
                        out[pos++] = (byte) b;
                        out[pos++] = (byte) (b >>> 8);
                    }
                    case BF16 -> {
                        int b = Float.floatToRawIntBits(v) >>> 16;
                        out[pos++] = (byte) b;
                        out[pos++] = (byte) (b >>> 8);
                    }
                }
            }
        }
        return out;
    }

    public void write(String uri) throws IOException {
        ArtifactStore.writeAtomically(new Path(uri), HadoopConf.create(), toBytes());
    }

    public void write(OutputStream out) throws IOException {
        out.write(toBytes());
    }
}
