package org.loraproof.circuit.lora;

/** How a tensor is cut into Merkle leaves. */
public enum TensorLayout {
    /** A weight matrix (rows × cols): leaves of L consecutive values of one row, the last one zero-padded. */
    MATRIX_ROWS(0),
    /** LoRA B (d_out × r): one leaf per row. */
    ADAPTER_ROWS(1),
    /** LoRA A (r × d_in): one leaf per column. */
    ADAPTER_COLUMNS(2);

    private final int id;

    TensorLayout(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** Values in one leaf. */
    public int leafSize(int rows, int cols, FixedPointParams p) {
        return switch (this) {
            case MATRIX_ROWS -> p.leafSize();
            case ADAPTER_ROWS -> cols;
            case ADAPTER_COLUMNS -> rows;
        };
    }

    /** Leaves before padding to a power of two. */
    public long leafCount(int rows, int cols, FixedPointParams p) {
        return switch (this) {
            case MATRIX_ROWS -> (long) rows * leavesPerRow(cols, p);
            case ADAPTER_ROWS -> rows;
            case ADAPTER_COLUMNS -> cols;
        };
    }

    public static int leavesPerRow(int cols, FixedPointParams p) {
        return (cols + p.leafSize() - 1) / p.leafSize();
    }

    /** Copies leaf {@code leaf}'s values (zero-padded) from a row-major tensor into out. */
    public void leafValues(long[] values, int rows, int cols, FixedPointParams p, int leaf, long[] out) {
        switch (this) {
            case MATRIX_ROWS -> {
                int per = leavesPerRow(cols, p);
                int row = leaf / per, start = (leaf % per) * p.leafSize();
                int n = Math.min(p.leafSize(), cols - start);
                System.arraycopy(values, row * cols + start, out, 0, n);
                java.util.Arrays.fill(out, n, p.leafSize(), 0L);
            }
            case ADAPTER_ROWS -> System.arraycopy(values, leaf * cols, out, 0, cols);
            case ADAPTER_COLUMNS -> {
                for (int k = 0; k < rows; k++) {
                    out[k] = values[k * cols + leaf];
                }
            }
        }
    }
}
