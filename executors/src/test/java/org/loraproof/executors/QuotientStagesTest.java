package org.loraproof.executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.bn254.MontgomeryField;
import org.loraproof.circuit.fft.FourStepCoset;
import org.loraproof.circuit.groth16.Groth16Prover;
import org.loraproof.circuit.groth16.KeySlice;
import org.loraproof.circuit.groth16.ProvingKey;
import org.loraproof.circuit.groth16.ZkeyFile;
import org.loraproof.circuit.r1cs.SectionedFile;
import org.loraproof.circuit.r1cs.WtnsFile;

/**
 * The four stages run part by part in this JVM, their parts routed here as Spark's exchanges
 * would: every chunk's values equal the serial quotient's, for snarkjs's keys and witnesses, for
 * several part and chunk counts (parts without columns included); a lost part is noticed.
 */
class QuotientStagesTest {

    static Path vector(String f) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path v = d.resolve("testdata/vectors/snarkjs").resolve(f);
            if (Files.exists(v)) {
                return v;
            }
        }
        throw new IllegalStateException("test vectors not found: expected testdata/vectors in the repository");
    }

    /** The parts each destination received, from stage outputs. */
    static List<List<QuotientStages.Part>> route(List<QuotientStages.Part> sent, int destinations) {
        List<List<QuotientStages.Part>> to = new ArrayList<>();
        for (int d = 0; d < destinations; d++) {
            to.add(new ArrayList<>());
        }
        for (QuotientStages.Part p : sent) {
            to.get(p.to).add(p);
        }
        return to;
    }

    /**
     * A domain cut for the MSM tasks: {@code chunks} even ranges, or (negative) the H ranges of
     * that many stretches of the key's sections, most of them empty.
     */
    static int[][] hRanges(String circuit, int chunks) throws Exception {
        int[] counts;
        try (SectionedFile f = SectionedFile.open(vector(circuit + ".zkey"), "zkey")) {
            counts = ZkeyFile.counts(f);
        }
        int n = Math.abs(chunks);
        int[][] out = new int[n][];
        int[][][] stretches = KeySlice.balanced(counts[0], counts[1], counts[2], n);
        for (int k = 0; k < n; k++) {
            out[k] = chunks > 0 ? FourStepCoset.cut(counts[2], k, n) : stretches[k][KeySlice.H];
        }
        return out;
    }

    static long[] distributed(String circuit, int parts, int chunks, boolean dropOne) throws Exception {
        String key = vector(circuit + ".zkey").toUri().toString(), wtns = vector(circuit + ".wtns").toUri().toString();
        int coeffs, domain;
        try (SectionedFile f = SectionedFile.open(vector(circuit + ".zkey"), "zkey")) {
            coeffs = ZkeyFile.coefficientCount(f);
            domain = ZkeyFile.counts(f)[2];
        }
        int logN = Integer.numberOfTrailingZeros(domain);
        List<QuotientStages.Part> sent = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int[] c = FourStepCoset.cut(coeffs, p, parts);
            sent.addAll(new QuotientStages.Evaluate(p, parts, logN, key, wtns, c[0], c[1], Map.of()).run());
        }
        return fromStageOne(sent, logN, parts, hRanges(circuit, chunks), dropOne);
    }

    /** Stages 2 to 4 and the MSM tasks' slices (their H ranges), from stage 1's parts. */
    static long[] fromStageOne(List<QuotientStages.Part> sent, int logN, int parts, int[][] h, boolean dropOne) {
        int chunks = h.length;
        int domain = 1 << logN;
        List<QuotientStages.Part> next = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            next.addAll(QuotientStages.columns(logN, parts, p, route(sent, parts).get(p).iterator()));
        }
        if (dropOne) {
            next.remove(next.size() / 2);
        }
        sent = next;
        next = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            next.addAll(QuotientStages.rows(logN, parts, p, route(sent, parts).get(p).iterator()));
        }
        sent = next;
        next = new ArrayList<>();
        int[] hFrom = new int[chunks], hTo = new int[chunks];
        for (int k = 0; k < chunks; k++) {
            hFrom[k] = h[k][0];
            hTo[k] = h[k][1];
        }
        for (int p = 0; p < parts; p++) {
            next.addAll(QuotientStages.coset(logN, parts, p, route(sent, parts).get(p).iterator(), hFrom, hTo));
        }
        long[] q = new long[4 * domain];
        List<List<QuotientStages.Part>> byChunk = route(next, chunks);
        for (int k = 0; k < chunks; k++) {
            System.arraycopy(QuotientStages.slice(hFrom[k], hTo[k], byChunk.get(k).iterator()), 0, q, 4 * hFrom[k],
                    4 * (hTo[k] - hFrom[k]));
        }
        return q;
    }

    @Test
    void equalsTheSerialQuotient() throws Exception {
        for (String circuit : new String[] {"multiplier", "mixed", "poseidon2"}) {
            ProvingKey pk = ZkeyFile.read(vector(circuit + ".zkey"));
            long[] expected = Groth16Prover.quotient(pk, WtnsFile.read(vector(circuit + ".wtns")), null, phase -> { });
            for (int[] pc : new int[][] {{1, 1}, {3, 2}, {7, 5}, {40, 3}, {3, -4}, {7, -13}}) {
                assertArrayEquals(expected, distributed(circuit, pc[0], pc[1], false),
                        circuit + ", " + pc[0] + " parts, " + pc[1] + " chunks");
            }
        }
    }

    @Test
    void evaluationsFromElsewhereGiveTheSameValues() throws Exception {
        ProvingKey pk = ZkeyFile.read(vector("poseidon2.zkey"));
        long[] z = WtnsFile.read(vector("poseidon2.wtns"));
        long[] expected = Groth16Prover.quotient(pk, z, null, phase -> { });
        // A·z and B·z per constraint, as a witness's tasks compute them, cut at uneven rows
        int n = pk.domainSize(), logN = Integer.numberOfTrailingZeros(n);
        long[] ab = new long[8 * n], t = new long[4];
        ZkeyFile.Coefficients co;
        try (SectionedFile f = SectionedFile.open(vector("poseidon2.zkey"), "zkey")) {
            co = ZkeyFile.readCoefficients(f, 0, ZkeyFile.coefficientCount(f));
        }
        MontgomeryField fr = MontgomeryField.FR;
        for (int k = 0; k < co.count(); k++) {
            fr.mul(t, 0, co.value(), 4 * k, z, 4 * co.signal()[k]);
            int at = 8 * co.constraint()[k] + 4 * co.matrix()[k];
            fr.add(ab, at, ab, at, t, 0);
        }
        int parts = 5;
        List<QuotientStages.Part> sent = new ArrayList<>();
        int[] cuts = {0, 1, 17, n / 3, n};
        for (int i = 0; i + 1 < cuts.length; i++) {
            sent.addAll(QuotientStages.evaluations(i, parts, logN, cuts[i],
                    java.util.Arrays.copyOfRange(ab, 8 * cuts[i], 8 * cuts[i + 1])));
        }
        assertArrayEquals(expected, fromStageOne(sent, logN, parts, hRanges("poseidon2", 3), false));
    }

    @Test
    void aLostPartIsNoticed() {
        assertThrows(IllegalStateException.class, () -> distributed("poseidon2", 3, 2, true));
    }

    @Test
    void ownersMatchTheCut() {
        for (int size : new int[] {1, 5, 64}) {
            for (int parts : new int[] {1, 3, 7, 100}) {
                for (int x = 0; x < size; x++) {
                    int[] c = FourStepCoset.cut(size, QuotientStages.owner(x, size, parts), parts);
                    if (x < c[0] || x >= c[1]) {
                        throw new AssertionError(x + " of " + size + " in " + parts);
                    }
                }
            }
        }
    }
}
