package org.loraproof.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading safetensors: dtypes, row blocks, and every kind of malformed file. */
class SafetensorsTest {

    @Test
    void halfPrecisionDecodesExactly() {
        assertEquals(1.0f, Dtype.halfToFloat(0x3C00));
        assertEquals(-2.0f, Dtype.halfToFloat(0xC000));
        assertEquals(65504.0f, Dtype.halfToFloat(0x7BFF));
        assertEquals(0x1p-24f, Dtype.halfToFloat(0x0001)); // smallest subnormal
        assertEquals(0x1p-14f, Dtype.halfToFloat(0x0400)); // smallest normal
        assertEquals(Float.POSITIVE_INFINITY, Dtype.halfToFloat(0x7C00));
        assertTrue(Float.isNaN(Dtype.halfToFloat(0x7E00)));
        for (int h = 0; h < 0x7C00; h++) { // every finite positive half round-trips
            assertEquals(h, Dtype.floatToHalf(Dtype.halfToFloat(h)));
        }
    }

    @Test
    void writesAndReadsEveryDtypeAndRowBlocks(@TempDir Path dir) throws Exception {
        float[] w = new float[6 * 5];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i - 13) * 0.125f;
        }
        Path f = dir.resolve("m.safetensors");
        new SafetensorsWriter().add("w32", Dtype.F32, new int[] {6, 5}, w).add("w16", Dtype.F16, new int[] {6, 5}, w)
                .add("wbf", Dtype.BF16, new int[] {6, 5}, w).metadata("format", "pt").write(f.toUri().toString());
        try (Safetensors st = Safetensors.open(f.toUri().toString())) {
            assertEquals("pt", st.metadata().get("format"));
            for (String t : new String[] {"w32", "w16", "wbf"}) {
                assertArrayEquals(w, st.read(t), t); // multiples of 1/8 are exact in all three
                assertArrayEquals(Arrays.copyOfRange(w, 10, 20), st.readRows(t, 2, 4), t);
            }
            assertArrayEquals(new int[] {6, 5}, st.matrixShape("w32"));
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> st.tensor("nope"));
            assertTrue(e.getMessage().contains("no tensor 'nope'"), e.getMessage());
        }
    }

    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    @Test
    void malformedFilesAreRejectedWithTheFileAndProblem(@TempDir Path dir) throws Exception {
        String ok = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}";
        Object[][] cases = {
            {new byte[5], "truncated"},
            {file("{\"w\":", 0), "malformed safetensors header"},
            {file(ok, 8), "outside the file"},
            {file(ok.replace("F32", "I64"), 16), "dtype 'I64'"},
            {file(ok.replace("[2,2]", "[3,2]"), 16), "needs 24"},
            {file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                    + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "overlap"},
            {Arrays.copyOf(file(ok, 16), 12), "does not fit"},
            // dataStart + end would overflow a long and pass a naive bounds check
            {file(ok.replace("[0,16]", "[9223372036854775791,9223372036854775807]"), 16), "tensor 'w' has data offsets"},
            {file(ok.replace("[0,16]", "[\"0\",\"16\"]"), 16), "tensor 'w' has data offsets"},
            {file(ok.replace("[2,2]", "[\"2\",\"2\"]"), 16), "tensor 'w' has shape [\"2\",\"2\"]"},
            {file(ok.replace("[2,2]", "[2.5,2]"), 16), "tensor 'w' has shape [2.5,2]"},
        };
        for (Object[] c : cases) {
            Path f = dir.resolve("bad.safetensors");
            Files.write(f, (byte[]) c[0]);
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> Safetensors.open(f.toUri().toString()));
            assertTrue(e.getMessage().contains("bad.safetensors") && e.getMessage().contains((String) c[1]), e.getMessage());
        }
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> Safetensors.open(dir.resolve("missing.safetensors").toUri().toString()));
        assertTrue(e.getMessage().contains("no such file"));
    }

    @Test
    void peftAdapterChecksRankAndPicksTheLayer(@TempDir Path dir) throws Exception {
        int r = 4, dIn = 6, dOut = 5;
        Files.writeString(dir.resolve(PeftAdapter.CONFIG),
                "{\"r\": 4, \"lora_alpha\": 8, \"target_modules\": [\"query\", \"value\"]}");
        new SafetensorsWriter()
                .add("base_model.model.layer.0.query.lora_A.weight", Dtype.F32, new int[] {r, dIn}, new float[r * dIn])
                .add("base_model.model.layer.0.query.lora_B.weight", Dtype.F32, new int[] {dOut, r}, new float[dOut * r])
                .add("base_model.model.layer.0.value.lora_A.weight", Dtype.F32, new int[] {r, dIn}, new float[r * dIn])
                .add("base_model.model.layer.0.value.lora_B.weight", Dtype.F32, new int[] {dOut, 3}, new float[dOut * 3])
                .write(dir.resolve(PeftAdapter.WEIGHTS).toUri().toString());
        String uri = dir.toUri().toString();
        PeftAdapter a = PeftAdapter.open(uri, "query", new org.apache.hadoop.conf.Configuration());
        assertEquals(2.0, a.scale());
        assertEquals(dIn, a.dIn());
        assertEquals(dOut, a.dOut());
        InvalidModelException many = assertThrows(InvalidModelException.class,
                () -> PeftAdapter.open(uri, null, new org.apache.hadoop.conf.Configuration()));
        assertTrue(many.getMessage().contains("choose one with --layer"), many.getMessage());
        InvalidModelException rank = assertThrows(InvalidModelException.class,
                () -> PeftAdapter.open(uri, "value", new org.apache.hadoop.conf.Configuration()));
        assertTrue(rank.getMessage().contains("lora_B.weight has shape [5, 3], expected rank 4"), rank.getMessage());
    }

    /** An adapter of rank r (lora_A r × 6, lora_B 5 × r) with the given adapter_config.json. */
    static String adapter(Path dir, int r, String config) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(PeftAdapter.CONFIG), config);
        new SafetensorsWriter()
                .add("base_model.model.q.lora_A.weight", Dtype.F32, new int[] {r, 6}, new float[r * 6])
                .add("base_model.model.q.lora_B.weight", Dtype.F32, new int[] {5, r}, new float[5 * r])
                .write(dir.resolve(PeftAdapter.WEIGHTS).toUri().toString());
        return dir.toUri().toString();
    }

    @Test
    void peftSettingsAreHonouredOrRefusedByName(@TempDir Path dir) throws Exception {
        var conf = new org.apache.hadoop.conf.Configuration();
        PeftAdapter rs = PeftAdapter.open(adapter(dir.resolve("rs"), 4, "{\"r\": 4, \"lora_alpha\": 8, \"use_rslora\": true}"),
                null, conf);
        assertEquals(4.0, rs.scale()); // alpha / sqrt(r)
        assertEquals(2.0, PeftAdapter.open(adapter(dir.resolve("plain"), 4,
                "{\"r\": 4, \"lora_alpha\": 8, \"use_rslora\": false, \"fan_in_fan_out\": false, \"rank_pattern\": {}}"),
                null, conf).scale());
        Object[][] refused = {
            {"{\"r\": 4, \"lora_alpha\": 8, \"fan_in_fan_out\": true}", "'fan_in_fan_out'"},
            {"{\"r\": 2.5, \"lora_alpha\": 8}", "'r' is 2.5"},
            {"{\"r\": \"4\", \"lora_alpha\": 8}", "'r' is \"4\""},
            {"{\"r\": 4, \"lora_alpha\": 8, \"use_rslora\": \"yes\"}", "'use_rslora'"},
            {"{\"r\": 4, \"lora_alpha\": 8, \"rank_pattern\": {\"q_proj\": 8}}", "'rank_pattern'"},
            {"{\"r\": 4, \"lora_alpha\": 8, \"alpha_pattern\": {\"q_proj\": 16}}", "'alpha_pattern'"},
        };
        int i = 0;
        for (Object[] c : refused) {
            String uri = adapter(dir.resolve("bad" + i++), 4, (String) c[0]);
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> PeftAdapter.open(uri, null, conf),
                    (String) c[0]);
            assertTrue(e.getMessage().contains(PeftAdapter.CONFIG) && e.getMessage().contains((String) c[1]),
                    e.getMessage());
        }
    }
}
