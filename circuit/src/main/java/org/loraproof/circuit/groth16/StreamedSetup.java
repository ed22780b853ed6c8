package org.loraproof.circuit.groth16;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Consumer;
import org.loraproof.circuit.Workers;
import org.loraproof.circuit.bn254.MontgomeryField;
import org.loraproof.circuit.fft.Fft;
import org.loraproof.circuit.msm.FixedBaseTable;
import org.loraproof.circuit.r1cs.ConstraintCounter;
import org.loraproof.circuit.r1cs.ConstraintStream;
import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.circuit.r1cs.LinearCombination;
import org.loraproof.circuit.r1cs.R1csFile;

/**
 * The scalar half of {@link Groth16Setup} for a circuit too large to hold: the circuit runs once as
 * a {@link ConstraintStream}; each constraint adds its terms times L_row(τ) to its variables' QAP
 * values (the Lagrange basis made a block of rows at a time) and goes to the R1CS file as it comes.
 * What stays is three field elements per variable. The key's coefficient records come from a
 * pass of their own as the key is written ({@link #writeCoefficients}). The key's points are then made piece by piece from {@link #scalars}
 * ({@link #points}), wherever the pieces run, and joined by {@link ZkeyFile#write(ProvingKey, long,
 * ZkeyFile.Body, ZkeyFile.Body[], OutputStream)}. For the same toxic waste the key is {@link
 * Groth16Setup#generate}'s, byte for byte. {@link #close} overwrites the secrets.
 */
public final class StreamedSetup implements AutoCloseable {
    private static final MontgomeryField FR = MontgomeryField.FR;
    /** Rows of the Lagrange basis made at a time during the pass. */
    private static final int ROWS = 1 << 13;

    private final int nVars, nPub, constraints;
    private final Fft domain;
    private final long coefficients;
    private long[] toxic;
    /** Per variable, standard form after the pass: a(τ), b(τ), and the combined IC or C scalar. */
    private long[] a, b, c;

    private StreamedSetup(int nVars, int nPub, int constraints, Fft domain, long coefficients, long[] toxic) {
        this.nVars = nVars;
        this.nPub = nPub;
        this.constraints = constraints;
        this.domain = domain;
        this.coefficients = coefficients;
        this.toxic = toxic;
    }

    /** Runs circuit code once to count it (the pass below needs the counts first). */
    public static ConstraintCounter count(Consumer<ConstraintSystem> circuit) {
        ConstraintCounter counter = new ConstraintCounter();
        circuit.accept(counter);
        return counter;
    }

    /**
     * Draws the toxic waste from rng and runs circuit code (counted as {@code counts}) once,
     * streaming the R1CS file to r1cs (when not null).
     */
    public static StreamedSetup run(Consumer<ConstraintSystem> circuit, ConstraintCounter counts, SecureRandom rng,
            OutputStream r1cs, Consumer<String> progress) throws IOException {
        int m = counts.numConstraints(), nPub = counts.numPublicInputs(), nVars = counts.numVariables();
        Fft domain = Groth16Setup.domainFor(m, nPub);
        long coefficients = counts.nonZeros(0) + counts.nonZeros(1) + nPub + 1;
        if (coefficients > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the circuit has " + coefficients + " A and B coefficients; a key holds at "
                    + "most 2^31 − 1");
        }
        StreamedSetup s = new StreamedSetup(nVars, nPub, m, domain, coefficients,
                Groth16Setup.drawToxic(rng, domain.size()));
        try {
            progress.accept("the QAP polynomials at τ over a domain of " + domain.size() + ", constraint by constraint");
            s.pass(circuit, counts, r1cs);
            return s;
        } catch (Throwable e) {
            s.close();
            throw e;
        }
    }

    private void pass(Consumer<ConstraintSystem> circuit, ConstraintCounter counts, OutputStream r1csOut)
            throws IOException {
        a = new long[4 * nVars];
        b = new long[4 * nVars];
        c = new long[4 * nVars];
        R1csFile.Streamed r1cs = r1csOut == null ? null
                : new R1csFile.Streamed(r1csOut, nVars, nPub, constraints, counts.nonZeros());
        long[] coeff = new long[4], t = new long[4];
        long[][] basis = {null};
        int[] basisFrom = {-ROWS};
        long[][] targets = {a, b, c};
        ConstraintStream stream = new ConstraintStream((row, la, lb, lc) -> {
            if (row >= basisFrom[0] + ROWS) {
                if (basis[0] != null) {
                    Arrays.fill(basis[0], 0L);
                }
                basisFrom[0] = row;
                basis[0] = Groth16Setup.lagrange(toxic, domain, row, Math.min(ROWS, domain.size() - row));
            }
            int at = 4 * (row - basisFrom[0]);
            LinearCombination[] abc = {la, lb, lc};
            for (int which = 0; which < 3; which++) {
                LinearCombination lin = abc[which];
                long[] target = targets[which];
                for (int term = 0; term < lin.size(); term++) {
                    int var = lin.variableAt(term);
                    lin.copyCoefficient(term, coeff, 0);
                    FR.mul(t, 0, coeff, 0, basis[0], at);
                    FR.add(target, 4 * var, target, 4 * var, t, 0);
                }
            }
            if (r1cs != null) {
                r1cs.constraint(row, la, lb, lc);
            }
        });
        long[] tail = null;
        try {
            circuit.accept(stream);
            checkCounts(stream);
            // the rows after the constraints: A gains L_{m+s}(τ) for the constant and each public input
            tail = Groth16Setup.lagrange(toxic, domain, constraints, nPub + 1);
            for (int s = 0; s <= nPub; s++) {
                FR.add(a, 4 * s, a, 4 * s, tail, 4 * s);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            for (long[] x : new long[][] {basis[0], tail, t, coeff}) {
                if (x != null) {
                    Arrays.fill(x, 0L);
                }
            }
        }
        if (r1cs != null) {
            r1cs.finish();
        }
        Groth16Setup.combine(toxic, a, b, c, nPub);
        for (long[] x : targets) {
            Workers.parallelFor((nVars + ROWS - 1) / ROWS, ch -> {
                for (int v = ch * ROWS; v < Math.min(nVars, (ch + 1) * ROWS); v++) {
                    FR.fromMontgomery(x, 4 * v, x, 4 * v);
                }
            });
        }
    }

    private void checkCounts(org.loraproof.circuit.r1cs.ConstraintSystem made) {
        if (made.numConstraints() != constraints || made.numVariables() != nVars || made.numPublicInputs() != nPub) {
            throw new IllegalStateException("the circuit made " + made.numConstraints() + " constraints and "
                    + made.numVariables() + " variables, counted " + constraints + " and " + nVars);
        }
    }

    /**
     * The key's coefficient records (section 4's body): the A and B terms of each constraint as
     * circuit code makes them (a pass of its own, so that the records stream into the key in its
     * place after IC, never stored apart), then (A, m + s, s, 1) for the constant and each public input.
     */
    public void writeCoefficients(Consumer<ConstraintSystem> circuit, OutputStream out) throws IOException {
        ByteBuffer records = ByteBuffer.allocate(44 << 14).order(ByteOrder.LITTLE_ENDIAN);
        long[] coeff = new long[4], scratch = new long[4];
        long[] written = {0};
        ConstraintStream stream = new ConstraintStream((row, la, lb, lc) -> {
            try {
                for (int which = 0; which < 2; which++) {
                    LinearCombination lin = which == 0 ? la : lb;
                    for (int term = 0; term < lin.size(); term++) {
                        lin.copyCoefficient(term, coeff, 0);
                        record(out, records, which, row, lin.variableAt(term), coeff, scratch);
                        written[0]++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            circuit.accept(stream);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        checkCounts(stream);
        FR.setOne(coeff, 0);
        for (int s = 0; s <= nPub; s++) {
            record(out, records, 0, constraints + s, s, coeff, scratch);
            written[0]++;
        }
        if (written[0] != coefficients) {
            throw new IllegalStateException(written[0] + " coefficient records, " + coefficients + " counted");
        }
        out.write(records.array(), 0, records.position());
    }

    private static void record(OutputStream out, ByteBuffer records, int matrix, int row, int var, long[] value,
            long[] scratch) throws IOException {
        if (records.remaining() < 44) {
            out.write(records.array(), 0, records.position());
            records.clear();
        }
        ZkeyFile.putCoefficient(records, matrix, row, var, value, 0, scratch);
    }

    public int numVariables() {
        return nVars;
    }

    public int numPublic() {
        return nPub;
    }

    public int numConstraints() {
        return constraints;
    }

    public int domainSize() {
        return domain.size();
    }

    /** Records in the key's coefficient section. */
    public long numCoefficients() {
        return coefficients;
    }

    /** The window widths of the generator tables the pieces use, {G1, G2} ({@link Groth16Setup#g1Table}). */
    public int[] windows() {
        return new int[] {Groth16Setup.g1Window(nVars, nPub, domain.size()), Groth16Setup.g2Window(nVars)};
    }

    /**
     * The key without its coefficients and points: counts, α…δ and IC (what its header sections
     * and the verification key need).
     */
    public ProvingKey frame() {
        long[] ic = Arrays.copyOfRange(c, 0, 4 * (nPub + 1));
        long[] icPoints = Groth16Setup.g1Table(FixedBaseTable.windowBits(nPub + 1, 14)).mulAll(ic, nPub + 1);
        Arrays.fill(ic, 0L);
        return Groth16Setup.frame(nVars, nPub, domain.size(), Groth16Setup.singles(toxic), icPoints, new int[0],
                new int[0], new int[0], new long[0], null, null, null, null, null);
    }

    /**
     * The secret scalars of the key's points of variables [from, to) and domain positions [hFrom,
     * hTo), standard form: {A and B (per variable), C (per private variable of the range), H}.
     */
    public long[][] scalars(int from, int to, int hFrom, int hTo) {
        if (from < 0 || to > nVars || from > to || hFrom < 0 || hTo > domain.size() || hFrom > hTo) {
            throw new IllegalArgumentException("piece [" + from + ", " + to + ") × [" + hFrom + ", " + hTo
                    + ") outside " + nVars + " variables and a domain of " + domain.size());
        }
        int cFrom = Math.max(from, Math.min(to, nPub + 1));
        long[] h = Groth16Setup.hScalars(toxic, domain, hFrom, hTo - hFrom);
        for (int j = 0; j < hTo - hFrom; j++) {
            FR.fromMontgomery(h, 4 * j, h, 4 * j);
        }
        return new long[][] {Arrays.copyOfRange(a, 4 * from, 4 * to), Arrays.copyOfRange(b, 4 * from, 4 * to),
            Arrays.copyOfRange(c, 4 * cFrom, 4 * to), h};
    }

    /**
     * The key's bytes for one piece, from its scalars ({@link #scalars}, overwritten here): A, B in
     * G1, B in G2, C and H, each as the key stores it. The same code wherever a piece runs.
     */
    public static byte[][] points(long[][] scalars, FixedBaseTable g1, FixedBaseTable g2) {
        long[] a = scalars[0], b = scalars[1], c = scalars[2], h = scalars[3];
        try {
            return new byte[][] {ZkeyFile.pointBytes(g1.mulAll(a, a.length / 4)),
                ZkeyFile.pointBytes(g1.mulAll(b, b.length / 4)), ZkeyFile.pointBytes(g2.mulAll(b, b.length / 4)),
                ZkeyFile.pointBytes(g1.mulAll(c, c.length / 4)), ZkeyFile.pointBytes(g1.mulAll(h, h.length / 4))};
        } finally {
            for (long[] x : scalars) {
                Arrays.fill(x, 0L);
            }
        }
    }

    /**
     * Overwrites the per-variable scalars (once the pieces hold their copies); the toxic waste
     * stays for the coefficients' pass and {@link #frame}, until {@link #close}.
     */
    public void forgetScalars() {
        for (long[] x : new long[][] {a, b}) {
            Arrays.fill(x, 0L);
        }
        Arrays.fill(c, 4 * (nPub + 1), c.length, 0L); // IC's scalars stay for frame()
        a = b = null;
    }

    @Override
    public void close() {
        for (long[] x : new long[][] {toxic, a, b, c}) {
            if (x != null) {
                Arrays.fill(x, 0L);
            }
        }
        toxic = null;
        a = b = c = null;
    }
}
