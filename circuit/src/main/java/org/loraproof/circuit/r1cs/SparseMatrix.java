package org.loraproof.circuit.r1cs;

import java.util.Arrays;

/** Rows of a constraint matrix in compressed sparse row form, coefficients as Montgomery limbs. */
public final class SparseMatrix {
    int[] rowStart;
    int[] cols;
    long[] coeffs;
    int rows;
    int nnz;

    SparseMatrix(int rowsHint, int nnzHint) {
        rowStart = new int[Math.max(2, rowsHint + 1)];
        cols = new int[Math.max(4, nnzHint)];
        coeffs = new long[4 * cols.length];
    }

    void addRow(LinearCombination lc) {
        int n = lc.size();
        if (nnz + n > cols.length) {
            int cap = Math.max(cols.length * 2, nnz + n);
            cols = Arrays.copyOf(cols, cap);
            coeffs = Arrays.copyOf(coeffs, 4 * cap);
        }
        System.arraycopy(lc.vars, 0, cols, nnz, n);
        System.arraycopy(lc.coeffs, 0, coeffs, 4 * nnz, 4 * n);
        nnz += n;
        if (rows + 2 > rowStart.length) {
            rowStart = Arrays.copyOf(rowStart, rowStart.length * 2);
        }
        rowStart[++rows] = nnz;
    }

    public int rows() {
        return rows;
    }

    public int nonZeros() {
        return nnz;
    }

    /** Row i as a linear combination. */
    public LinearCombination row(int i) {
        int from = rowStart[i], to = rowStart[i + 1];
        return new LinearCombination(Arrays.copyOfRange(cols, from, to), Arrays.copyOfRange(coeffs, 4 * from, 4 * to));
    }

    public int rowStart(int i) {
        return rowStart[i];
    }

    public int col(int k) {
        return cols[k];
    }

    /** The coefficient limbs array (four per non-zero). */
    public long[] coefficients() {
        return coeffs;
    }
}
