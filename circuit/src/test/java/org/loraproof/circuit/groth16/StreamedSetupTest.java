package org.loraproof.circuit.groth16;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.LoraMergeCircuit;
import org.loraproof.circuit.lora.LoraMergeShape;
import org.loraproof.circuit.r1cs.ConstraintCounter;
import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.circuit.r1cs.R1csBuilder;
import org.loraproof.circuit.r1cs.R1csFile;
import org.loraproof.circuit.r1cs.WitnessGenerator;

class StreamedSetupTest {
    private static final LoraMergeShape SHAPE = new LoraMergeShape(8, 8, 2, 3, FixedPointParams.DEFAULT);
    private static final Consumer<ConstraintSystem> CIRCUIT = cs -> LoraMergeCircuit.synthesize(cs, SHAPE, null);

    @Test
    void theStreamedKeyAndR1csAreTheSerialOnesByteForByte() throws Exception {
        R1csBuilder b = new R1csBuilder(false);
        CIRCUIT.accept(b);
        byte[] serialKey = ZkeyFile.toBytes(Groth16Setup.generate(b.r1cs(), TestRandomness.seeded(7)));
        // the key the in-memory setup wrote for this seed before the streamed setup shared its helpers (23e5054)
        assertEquals(24876184, serialKey.length);
        assertEquals("9b562cd951b7c4edff0b4863224f0456fe60505cd9b3d66caa2b878867658c4e", java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(serialKey)));
        byte[] serialR1cs = R1csFile.of(b.r1cs()).toBytes();

        ConstraintCounter counts = StreamedSetup.count(CIRCUIT);
        ByteArrayOutputStream r1cs = new ByteArrayOutputStream();
        try (StreamedSetup s = StreamedSetup.run(CIRCUIT, counts, TestRandomness.seeded(7), r1cs, p -> {
        })) {
            int nVars = s.numVariables(), n = s.domainSize();
            // uneven pieces, one inside the public inputs, and windows other than the serial setup's
            int[] vars = {0, 2, 17, nVars / 2, nVars}, dom = {0, 3, 100, n / 2, n};
            byte[][][] pieces = new byte[vars.length - 1][][];
            for (int p = 0; p < pieces.length; p++) {
                pieces[p] = StreamedSetup.points(s.scalars(vars[p], vars[p + 1], dom[p], dom[p + 1]),
                        Groth16Setup.g1Table(3 + p), Groth16Setup.g2Table(2 + p));
            }
            ZkeyFile.Body[] sections = new ZkeyFile.Body[5];
            for (int i = 0; i < 5; i++) {
                int section = i;
                sections[i] = out -> {
                    for (byte[][] piece : pieces) {
                        out.write(piece[section]);
                    }
                };
            }
            ByteArrayOutputStream key = new ByteArrayOutputStream();
            ZkeyFile.write(s.frame(), s.numCoefficients(), out -> s.writeCoefficients(CIRCUIT, out), sections, key);
            assertEquals(serialKey.length, key.size());
            assertArrayEquals(serialKey, key.toByteArray());
            assertArrayEquals(serialR1cs, r1cs.toByteArray());

            // a section body one point short fails the write
            ZkeyFile.Body[] short4 = sections.clone();
            short4[3] = out -> {
                for (byte[][] piece : pieces) {
                    out.write(piece == pieces[pieces.length - 1] ? java.util.Arrays.copyOf(piece[3], piece[3].length - 64)
                            : piece[3]);
                }
            };
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ZkeyFile.write(s.frame(),
                    s.numCoefficients(), out -> s.writeCoefficients(CIRCUIT, out), short4, new ByteArrayOutputStream()));
            assertTrue(e.getMessage().startsWith("section 8 of the key has"), e.getMessage());
        }
    }

    @Test
    void aStreamedKeyProvesAndItsVerificationKeyChecksTheProof() throws Exception {
        ConstraintCounter counts = StreamedSetup.count(CIRCUIT);
        ProvingKey pk;
        try (StreamedSetup s = StreamedSetup.run(CIRCUIT, counts, Groth16Setup.drbg(), null, p -> {
        })) {
            byte[][] piece = StreamedSetup.points(s.scalars(0, s.numVariables(), 0, s.domainSize()),
                    Groth16Setup.g1Table(s.windows()[0]), Groth16Setup.g2Table(s.windows()[1]));
            ZkeyFile.Body[] sections = new ZkeyFile.Body[5];
            for (int i = 0; i < 5; i++) {
                byte[] bytes = piece[i];
                sections[i] = out -> out.write(bytes);
            }
            ByteArrayOutputStream key = new ByteArrayOutputStream();
            ZkeyFile.write(s.frame(), s.numCoefficients(), out -> s.writeCoefficients(CIRCUIT, out), sections, key);
            pk = ZkeyFile.read(key.toByteArray(), "streamed.zkey");
        }
        WitnessGenerator w = new WitnessGenerator();
        LoraMergeCircuit.synthesize(w, SHAPE, org.loraproof.circuit.lora.LoraInstances.instance(SHAPE, 3));
        w.assertSatisfied();
        Proof proof = Groth16Prover.prove(pk, w.assignment(), Groth16Prover.blindingRandom());
        List<Fr> inputs = w.publicValues();
        assertTrue(Groth16Verifier.verify(pk.verificationKey(), inputs, proof).valid());
        List<Fr> wrong = new java.util.ArrayList<>(inputs);
        wrong.set(0, wrong.get(0).add(Fr.ONE));
        assertTrue(!Groth16Verifier.verify(pk.verificationKey(), wrong, proof).valid());
    }
}
