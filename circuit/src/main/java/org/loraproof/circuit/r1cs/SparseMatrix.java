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
        addRawRow(lc.vars, lc.coeffs, lc.size());
    }

    /** Appends a row with terms as given (files may list them unsorted). */
    void addRawRow(int[] vars, long[] termCoeffs, int n) {
        if (nnz + n > cols.length) {
            int cap = Math.max(cols.length * 2, nnz + n);
            cols = Arrays.copyOf(cols, cap);
            coeffs = Arrays.copyOf(coeffs, 4 * cap);
        }
        System.arraycopy(vars, 0, cols, nnz, n);
        System.arraycopy(termCoeffs, 0, coeffs, 4 * nnz, 4 * n);
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

    /** Row i as a linear combination (terms sorted and merged). */
    public LinearCombination row(int i) {
        LinearCombination lc = LinearCombination.ZERO;
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
            lc = lc.add(new LinearCombination(new int[] {cols[k]}, Arrays.copyOfRange(coeffs, 4 * k, 4 * k + 4)));
        }
        return lc;
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
