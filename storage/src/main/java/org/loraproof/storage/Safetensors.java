package org.loraproof.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A safetensors file read through Hadoop's FileSystem ({@code file://}, {@code hdfs://},
 * {@code s3a://}): an 8-byte little-endian header length, a JSON header of tensors (dtype, shape,
 * data offsets), then the data. The header is validated when opened; tensors are read whole or as
 * a block of rows with positioned reads.
 */
public final class Safetensors implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;

    /** One tensor's header entry; offsets are absolute positions in the file. */
    public record Tensor(String name, Dtype dtype, int[] shape, long begin, long end) {
        public long elements() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }

        public int rows() {
            return shape.length == 0 ? 1 : shape[0];
        }

        /** Elements per row (the product of all but the first dimension). */
        public int rowLength() {
            long n = 1;
            for (int i = 1; i < shape.length; i++) {
                n *= shape[i];
            }
            return (int) n;
        }
    }

    private final String name;
    private final FSDataInputStream in;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;

    private Safetensors(String name, FSDataInputStream in, Map<String, Tensor> tensors, Map<String, String> metadata) {
        this.name = name;
        this.in = in;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    public static Safetensors open(String uri) throws IOException {
        return open(uri, HadoopConf.create());
    }

    public static Safetensors open(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        FileSystem fs = path.getFileSystem(conf);
        if (!fs.exists(path)) {
            throw new InvalidModelException(uri + ": no such file");
        }
        long size = fs.getFileStatus(path).getLen();
        FSDataInputStream in = fs.open(path);
        try {
            return read(uri, in, size);
        } catch (RuntimeException | IOException e) {
            in.close();
            throw e;
        }
    }

    private static Safetensors read(String uri, FSDataInputStream in, long size) throws IOException {
        if (size < 8) {
            throw new InvalidModelException(uri + ": truncated safetensors file (" + size + " bytes)");
        }
        byte[] len = new byte[8];
        in.readFully(0, len);
        long headerLen = 0;
        for (int i = 7; i >= 0; i--) {
            headerLen = (headerLen << 8) | (len[i] & 0xFF);
        }
        if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
            throw new InvalidModelException(uri + ": header length " + headerLen + " does not fit a file of " + size
                    + " bytes");
        }
        byte[] header = new byte[(int) headerLen];
        in.readFully(8, header);
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (IOException e) {
            throw new InvalidModelException(uri + ": malformed safetensors header (not JSON)");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidModelException(uri + ": malformed safetensors header (not a JSON object)");
        }
        long dataStart = 8 + headerLen;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        var fields = root.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (e.getKey().equals("__metadata__")) {
                e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            tensors.put(e.getKey(), tensor(uri, e.getKey(), e.getValue(), dataStart, size));
        }
        List<Tensor> sorted = new ArrayList<>(tensors.values());
        sorted.sort(Comparator.comparingLong(Tensor::begin));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).begin() < sorted.get(i - 1).end()) {
                throw new InvalidModelException(uri + ": tensors '" + sorted.get(i - 1).name() + "' and '"
                        + sorted.get(i).name() + "' overlap");
            }
        }
        return new Safetensors(uri, in, Collections.unmodifiableMap(tensors), metadata);
    }

    private static Tensor tensor(String uri, String name, JsonNode t, long dataStart, long size) {
        String where = uri + ": tensor '" + name + "'";
        String dt = t.path("dtype").asText("");
        Dtype dtype;
        try {
            dtype = Dtype.valueOf(dt);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(where + " has dtype '" + dt + "'; loraproof reads F32, F16 and BF16");
        }
        JsonNode shapeNode = t.get("shape"), offsets = t.get("data_offsets");
        if (shapeNode == null || !shapeNode.isArray() || offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw new InvalidModelException(where + " lacks a shape or data_offsets");
        }
        int[] shape = new int[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 0) {
                throw new InvalidModelException(where + " has shape " + shapeNode
                        + "; dimensions are whole numbers from 0 to " + Integer.MAX_VALUE);
            }
            shape[i] = d.asInt();
            try {
                elements = Math.multiplyExact(elements, shape[i]);
            } catch (ArithmeticException overflow) {
                elements = Long.MAX_VALUE; // more than any file holds (unless a later dimension is 0)
            }
        }
        JsonNode b = offsets.get(0), e = offsets.get(1);
        long begin = b.isIntegralNumber() && b.canConvertToLong() ? b.asLong() : -1;
        long end = e.isIntegralNumber() && e.canConvertToLong() ? e.asLong() : -1;
        // compared as end > size - dataStart: dataStart + end could overflow past 2^63
        if (begin < 0 || end < begin || end > size - dataStart) {
            throw new InvalidModelException(where + " has data offsets " + offsets + " outside the file ("
                    + (size - dataStart) + " bytes of data; truncated?)");
        }
        if (elements > Long.MAX_VALUE / dtype.bytes() || end - begin != elements * dtype.bytes()) {
            throw new InvalidModelException(where + " holds " + (end - begin) + " bytes but shape "
                    + java.util.Arrays.toString(shape) + " of " + dtype + " needs "
                    + (elements > Long.MAX_VALUE / dtype.bytes() ? "more than 2^63" : elements * dtype.bytes()));
        }
        return new Tensor(name, dtype, shape, dataStart + begin, dataStart + end);
    }

    public String name() {
        return name;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public Tensor tensor(String tensorName) {
        Tensor t = tensors.get(tensorName);
        if (t == null) {
            throw new InvalidModelException(name + ": no tensor '" + tensorName + "' (it has " + tensors.size()
                    + " tensors" + (tensors.size() <= 8 ? ": " + tensors.keySet() : "") + ")");
        }
        return t;
    }

    /** A 2-D tensor's shape, or an error naming what was expected. */
    public int[] matrixShape(String tensorName) {
        int[] s = tensor(tensorName).shape();
        if (s.length != 2) {
            throw new InvalidModelException(name + ": tensor '" + tensorName + "' has shape " + java.util.Arrays.toString(s)
                    + ", expected a matrix");
        }
        return s;
    }

    public float[] read(String tensorName) throws IOException {
        Tensor t = tensor(tensorName);
        return readRows(tensorName, 0, t.rows());
    }

    /** Rows [from, to) of a tensor, row-major, as floats. */
    public float[] readRows(String tensorName, int from, int to) throws IOException {
        return readRows(tensorName, from, to, null);
    }

    /** {@code count} consecutive values of a tensor from flat (row-major) index {@code from}, as floats. */
    public float[] readValues(String tensorName, long from, int count) throws IOException {
        Tensor t = tensor(tensorName);
        if (from < 0 || count < 0 || from + count > t.elements()) {
            throw new IllegalArgumentException("values [" + from + ", " + (from + count) + ") outside " + t.elements());
        }
        int bytes = t.dtype().bytes();
        byte[] raw = new byte[count * bytes];
        try {
            in.readFully(t.begin() + from * bytes, raw);
        } catch (EOFException e) {
            throw new InvalidModelException(name + ": tensor '" + tensorName + "' is truncated");
        }
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = t.dtype().decode(raw, i * bytes);
        }
        return out;
    }

    /** Where rows [from, to) of a tensor are in the file: offset and length in bytes. */
    public long[] rowRange(String tensorName, int from, int to) {
        Tensor t = tensor(tensorName);
        long row = (long) t.rowLength() * t.dtype().bytes();
        return new long[] {t.begin() + from * row, (to - from) * row};
    }

    /** As {@link #readRows(String, int, int)}; the bytes read also go to {@code digest} when it is given. */
    public float[] readRows(String tensorName, int from, int to, java.security.MessageDigest digest) throws IOException {
        Tensor t = tensor(tensorName);
        if (from < 0 || to < from || to > t.rows()) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") outside " + t.rows());
        }
        int rowLen = t.rowLength(), bytes = t.dtype().bytes();
        long count = (long) (to - from) * rowLen;
        if (count > Integer.MAX_VALUE / 4) {
            throw new InvalidModelException(name + ": tensor '" + tensorName + "' rows [" + from + ", " + to + ") hold "
                    + count + " values, more than one read takes (" + Integer.MAX_VALUE / 4 + ")");
        }
        byte[] raw = new byte[(int) (count * bytes)];
        try {
            in.readFully(t.begin() + (long) from * rowLen * bytes, raw);
        } catch (EOFException e) {
            throw new InvalidModelException(name + ": tensor '" + tensorName + "' is truncated");
        }
        if (digest != null) {
            digest.update(raw);
        }
        float[] out = new float[(int) count];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.dtype().decode(raw, i * bytes);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
