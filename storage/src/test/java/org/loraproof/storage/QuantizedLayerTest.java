package org.loraproof.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.Quantizer;

/** Loading a layer: the adapter's scale reaches s_q, and shapes are checked before anything is read. */
class QuantizedLayerTest {
    private static final FixedPointParams P = FixedPointParams.DEFAULT;

    private static String matrix(Path f, int rows, int cols) throws Exception {
        new SafetensorsWriter().add("w", Dtype.F32, new int[] {rows, cols}, new float[rows * cols]).write(f.toUri().toString());
        return f.toUri().toString();
    }

    @Test
    void rsLoraScalesByAlphaOverTheRootOfTheRank(@TempDir Path dir) throws Exception {
        String adapter = SafetensorsTest.adapter(dir.resolve("adapter"), 4,
                "{\"r\": 4, \"lora_alpha\": 6, \"use_rslora\": true}");
        QuantizedLayer l = QuantizedLayer.load(matrix(dir.resolve("base.safetensors"), 5, 6),
                matrix(dir.resolve("merged.safetensors"), 5, 6), adapter, "w", null, P, new Configuration());
        assertEquals(3.0, l.scale());
        assertEquals(Quantizer.quantize(3.0, P), l.sQ());
    }

    @Test
    void aLayerOfAnotherShapeThanTheAdapterIsNamedBeforeItIsRead(@TempDir Path dir) throws Exception {
        // a base of 32768 × 32768 F16 (2 GiB, sparse: never read) and an adapter for 5 × 6
        String header = "{\"w\":{\"dtype\":\"F16\",\"shape\":[32768,32768],\"data_offsets\":[0," + (2L << 30) + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        Path base = dir.resolve("base.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(base.toFile(), "rw")) {
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            f.write(h);
            f.setLength(8 + h.length + (2L << 30));
        }
        String adapter = SafetensorsTest.adapter(dir.resolve("adapter"), 4, "{\"r\": 4, \"lora_alpha\": 8}");
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> QuantizedLayer.load(
                base.toUri().toString(), base.toUri().toString(), adapter, "w", null, P, new Configuration()));
        String m = e.getMessage();
        assertTrue(m.contains("base.safetensors") && m.contains("[32768, 32768]") && m.contains(PeftAdapter.WEIGHTS)
                && m.contains("[5, 6]") && !m.contains("\n"), m);
    }
}
