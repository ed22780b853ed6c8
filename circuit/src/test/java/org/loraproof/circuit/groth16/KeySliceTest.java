package org.loraproof.circuit.groth16;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loraproof.circuit.Vectors;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.MontgomeryField;
import org.loraproof.circuit.r1cs.SectionedFile;
import org.loraproof.circuit.r1cs.WtnsFile;

/**
 * The serial prover's sums over the whole key against the sums of slices read by range from the
 * key file and folded: 1, 7 and n + 3 slices (empty ones, at infinity, among them), on snarkjs's
 * keys, whose witnesses are full of zeros and ones.
 */
class KeySliceTest {
    private static final Fr R = Fr.of(12345), S = Fr.of(678910);

    /**
     * A snarkjs vector: its key file, the key, the serial proof (checked), the key's header, A·B − C
     * on the coset and the witness in standard form.
     */
    private record Vector(byte[] zkey, ProvingKey pk, Proof serial, ProvingKey header, long[] p, long[] zs) {
        static Vector of(String circuit) throws Exception {
            byte[] zkey = Files.readAllBytes(Vectors.file("snarkjs/" + circuit + ".zkey"));
            ProvingKey pk = ZkeyFile.read(zkey, circuit);
            long[] z = WtnsFile.read(Vectors.file("snarkjs/" + circuit + ".wtns"));
            Proof serial = Groth16Prover.prove(pk, z, R, S, null);
            assertTrue(Groth16Verifier.verify(pk.verificationKey(), Groth16Prover.publicSignals(pk, z), serial).valid());
            ProvingKey header = ZkeyFile.readHeader(SectionedFile.of(zkey, circuit, "zkey"));
            return new Vector(zkey, pk, serial, header, Groth16Prover.quotient(header, z, null, phase -> { }),
                    MontgomeryField.FR.fromMontgomeryAll(z, z.length / 4));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplier", "poseidon2", "mixed"})
    void slicesFoldToTheSerialProof(String circuit) throws Exception {
        Vector v = Vector.of(circuit);
        int n = v.pk().numVariables(), d = v.pk().domainSize();
        for (int parts : new int[] {1, 7, n + 3}) {
            PartialSums sum = PartialSums.zero();
            for (int k = 0; k < parts; k++) {
                int from = (int) ((long) n * k / parts), to = (int) ((long) n * (k + 1) / parts);
                int hFrom = (int) ((long) d * k / parts), hTo = (int) ((long) d * (k + 1) / parts);
                KeySlice slice = ZkeyFile.readSlice(SectionedFile.of(v.zkey(), circuit, "zkey"), from, to, hFrom, hTo);
                sum = sum.plus(slice.sums(Arrays.copyOfRange(v.zs(), 4 * from, 4 * to),
                        Arrays.copyOfRange(v.p(), 4 * hFrom, 4 * hTo), phase -> { }));
            }
            assertEquals(v.serial(), Groth16Prover.fold(v.header(), sum, R, S), parts + " slices");
        }
        // the fold uses every sum: a slice left out changes the proof
        KeySlice first = ZkeyFile.readSlice(SectionedFile.of(v.zkey(), circuit, "zkey"), 0, 1, 0, 1);
        PartialSums partial = first.sums(Arrays.copyOf(v.zs(), 4), Arrays.copyOf(v.p(), 4), phase -> { });
        assertNotEquals(v.serial(), Groth16Prover.fold(v.header(), partial, R, S));
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplier", "poseidon2", "mixed"})
    void stretchesOfTheSectionsFoldToTheSerialProof(String circuit) throws Exception {
        Vector v = Vector.of(circuit);
        int n = v.pk().numVariables(), d = v.pk().domainSize();
        for (int parts : new int[] {1, 2, 5, 13, 6 * n}) {
            int[][][] cut = KeySlice.balanced(n, v.pk().numPublic(), d, parts);
            PartialSums sum = PartialSums.zero();
            for (int[][] ranges : cut) {
                KeySlice slice = ZkeyFile.readSlice(SectionedFile.of(v.zkey(), circuit, "zkey"), ranges);
                long[][] values = new long[4][];
                for (int s = KeySlice.A; s <= KeySlice.C; s++) {
                    values[s] = Arrays.copyOfRange(v.zs(), 4 * ranges[s][0], 4 * ranges[s][1]);
                }
                sum = sum.plus(slice.sums(values, Arrays.copyOfRange(v.p(), 4 * ranges[KeySlice.H][0],
                        4 * ranges[KeySlice.H][1]), phase -> { }));
            }
            assertEquals(v.serial(), Groth16Prover.fold(v.header(), sum, R, S), parts + " stretches");
        }
    }

    /** The stretches cover each section once, in order, H ascending, each within two B2 points of its share. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 32, 64, 1000})
    void stretchesCoverTheKeyInEqualShares(int parts) {
        int[][] sizes = {{5, 2, 16}, {1000, 3, 1024}, {4_194_304, 1, 4_194_304}, {100_000, 40, 131_072}};
        for (int[] size : sizes) {
            int n = size[0], pub = size[1], d = size[2];
            int[][][] cut = KeySlice.balanced(n, pub, d, parts);
            int[][] whole = KeySlice.chunk(n, pub, 0, n, 0, d);
            double g2 = KeySlice.g2Weight(n, pub, d, parts);
            assertTrue(g2 > 2 && g2 < 3, "a G2 point weighs " + g2 + " G1 points");
            double[] weight = {1, 1, g2, 1, 1};
            double total = 0;
            for (int s = 0; s < KeySlice.SECTIONS; s++) {
                total += weight[s] * (whole[s][1] - whole[s][0]);
            }
            for (int s = 0; s < KeySlice.SECTIONS; s++) {
                assertEquals(whole[s][0], cut[0][s][0], "section " + s + " starts at its first point");
                assertEquals(whole[s][1], cut[parts - 1][s][1], "section " + s + " ends at its last point");
                for (int k = 1; k < parts; k++) {
                    assertEquals(cut[k - 1][s][1], cut[k][s][0], "parts " + (k - 1) + " and " + k + " meet");
                    assertTrue(cut[k][s][0] <= cut[k][s][1]);
                }
            }
            for (int k = 0; k < parts; k++) {
                double w = 0;
                for (int s = 0; s < KeySlice.SECTIONS; s++) {
                    w += weight[s] * (cut[k][s][1] - cut[k][s][0]);
                }
                assertTrue(Math.abs(w - total / parts) <= 2 * g2, "part " + k + " weighs " + w
                        + ", its share " + total / parts);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mixed"})
    void aHeaderWithoutPointsRefusesToProveOrBeWritten(String circuit) throws Exception {
        byte[] zkey = Files.readAllBytes(Vectors.file("snarkjs/" + circuit + ".zkey"));
        ProvingKey header = ZkeyFile.readHeader(SectionedFile.of(zkey, circuit, "zkey"));
        assertEquals(ZkeyFile.read(zkey, circuit).verificationKey().ic(), header.verificationKey().ic());
        assertThrows(IllegalArgumentException.class, () -> KeySlice.of(header));
        assertThrows(IllegalArgumentException.class, () -> ZkeyFile.toBytes(header));
        assertThrows(IllegalArgumentException.class,
                () -> ZkeyFile.readSlice(SectionedFile.of(zkey, circuit, "zkey"), 0, header.numVariables() + 1, 0, 1));
        assertArrayEquals(new int[] {header.numVariables(), header.numPublic(), header.domainSize()},
                ZkeyFile.counts(SectionedFile.of(zkey, circuit, "zkey")));
    }
}
