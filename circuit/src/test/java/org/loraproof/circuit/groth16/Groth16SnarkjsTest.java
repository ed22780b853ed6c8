package org.loraproof.circuit.groth16;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loraproof.circuit.Snarkjs;
import org.loraproof.circuit.Vectors;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.G1Point;
import org.loraproof.circuit.bn254.G2Point;
import org.loraproof.circuit.bn254.Precompiles;
import org.loraproof.circuit.r1cs.InvalidFileException;
import org.loraproof.circuit.r1cs.R1cs;
import org.loraproof.circuit.r1cs.R1csFile;
import org.loraproof.circuit.r1cs.WtnsFile;

/** Groth16 against snarkjs: its keys, proofs and verifier, in both directions. */
class Groth16SnarkjsTest {
    private static final String[] CIRCUITS = {"multiplier", "poseidon2", "mixed"};

    private static VerificationKey vkey(String circuit) throws Exception {
        return SnarkjsJson.readVerificationKey(SnarkjsJson.read(Vectors.file("snarkjs/" + circuit + ".vkey.json")), circuit);
    }

    private static List<Fr> publicSignals(String file) throws Exception {
        return SnarkjsJson.readPublicSignals(SnarkjsJson.read(Vectors.file("snarkjs/" + file)), file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplier", "poseidon2", "mixed"})
    void verifiesSnarkjsProofsAndReadsItsKeys(String circuit) throws Exception {
        VerificationKey vk = vkey(circuit);
        Proof proof = SnarkjsJson.readProof(SnarkjsJson.read(Vectors.file("snarkjs/" + circuit + ".proof.json")), circuit);
        List<Fr> pub = publicSignals(circuit + ".public.json");
        Groth16Verifier.Result r = Groth16Verifier.verify(vk, pub, proof);
        assertTrue(r.valid(), r.reason());
        Groth16Verifier.PreparedKey prepared = Groth16Verifier.prepare(vk); // reused across proofs
        assertTrue(Groth16Verifier.verify(prepared, pub, proof).valid());
        assertFalse(Groth16Verifier.verify(prepared, pub, new Proof(proof.a(), proof.b(), proof.a())).valid());
        // the zkey's own verification key is the same key
        ProvingKey pk = ZkeyFile.read(Vectors.file("snarkjs/" + circuit + ".zkey"));
        assertEquals("phase-2 ceremony with 1 contribution(s)", pk.metadata().get("setup"));
        VerificationKey fromZkey = pk.verificationKey();
        assertEquals(vk.alpha1(), fromZkey.alpha1());
        assertEquals(vk.delta2(), fromZkey.delta2());
        assertEquals(vk.ic(), fromZkey.ic());
        assertEquals(vk.alphaBeta(), fromZkey.alphaBeta());
        // EIP-197: the same check through the precompile's byte interface
        assertEquals(1, Precompiles.ecPairing(pairingInput(vk, pub, proof))[31]);
        byte[] eip = proof.toEip197(); // A ‖ B ‖ C, as a Solidity verifier takes it
        assertEquals(256, eip.length);
        assertEquals(proof.a(), G1Point.fromEip196(eip, 0));
        assertEquals(proof.b(), G2Point.fromEip197(eip, 64));
        assertEquals(proof.c(), G1Point.fromEip196(eip, 192));
    }

    static byte[] pairingInput(VerificationKey vk, List<Fr> pub, Proof p) {
        G1Point vkX = vk.ic().get(0);
        for (int i = 0; i < pub.size(); i++) {
            vkX = vkX.add(vk.ic().get(i + 1).mul(pub.get(i)));
        }
        G1Point[] g1 = {p.a().neg(), vk.alpha1(), vkX, p.c()};
        G2Point[] g2 = {p.b(), vk.beta2(), vk.gamma2(), vk.delta2()};
        byte[] out = new byte[4 * 192];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(g1[i].toEip196(), 0, out, 192 * i, 64);
            System.arraycopy(g2[i].toEip197(), 0, out, 192 * i + 64, 128);
        }
        return out;
    }

    @Test
    void rejectsSnarkjsTamperedProofsAndWrongSignals() throws Exception {
        VerificationKey vk = vkey("multiplier");
        Proof tampered = SnarkjsJson.readProof(SnarkjsJson.read(Vectors.file("snarkjs/multiplier.proof.tampered.json")), "t");
        assertFalse(Groth16Verifier.verify(vk, publicSignals("multiplier.public.json"), tampered).valid());
        Proof good = SnarkjsJson.readProof(SnarkjsJson.read(Vectors.file("snarkjs/multiplier.proof.json")), "p");
        Groth16Verifier.Result wrong = Groth16Verifier.verify(vk, publicSignals("multiplier.public.wrong.json"), good);
        assertFalse(wrong.valid());
        assertTrue(wrong.reason().contains("pairing check failed"), wrong.reason());
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> SnarkjsJson.readProof(
                SnarkjsJson.read(Vectors.file("snarkjs/mixed.proof.tampered.json")), "mixed.proof.tampered.json"));
        assertTrue(e.getMessage().contains("pi_b is not a valid G2 point"), e.getMessage());
        assertFalse(Groth16Verifier.verify(vk, List.of(), good).valid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplier", "poseidon2", "mixed"})
    void ourProverOnSnarkjsKeysConvincesSnarkjs(String circuit, @TempDir Path dir) throws Exception {
        ProvingKey pk = ZkeyFile.read(Vectors.file("snarkjs/" + circuit + ".zkey"));
        long[] z = WtnsFile.read(Vectors.file("snarkjs/" + circuit + ".wtns"));
        Proof proof = Groth16Prover.prove(pk, z, Groth16Setup.drbg());
        List<Fr> pub = Groth16Prover.publicSignals(pk, z);
        assertEquals(publicSignals(circuit + ".public.json"), pub);
        assertTrue(Groth16Verifier.verify(pk.verificationKey(), pub, proof).valid());
        Path proofFile = dir.resolve("proof.json"), pubFile = dir.resolve("public.json");
        SnarkjsJson.write(proofFile, SnarkjsJson.proof(proof));
        SnarkjsJson.write(pubFile, SnarkjsJson.publicSignals(pub));
        Snarkjs.Result r = Snarkjs.run("groth16", "verify", Vectors.file("snarkjs/" + circuit + ".vkey.json").toString(),
                pubFile.toString(), proofFile.toString());
        assertTrue(r.ok() && r.output().contains("OK"), r.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplier", "poseidon2", "mixed"})
    void solidityCalldataIsSnarkjssLine(String circuit) throws Exception {
        Path proofFile = Vectors.file("snarkjs/" + circuit + ".proof.json");
        Path pubFile = Vectors.file("snarkjs/" + circuit + ".public.json");
        Proof proof = SnarkjsJson.readProof(SnarkjsJson.read(proofFile), circuit);
        String ours = SnarkjsJson.solidityCalldata(proof, publicSignals(circuit + ".public.json"));
        Snarkjs.Result r = Snarkjs.run("zkey", "export", "soliditycalldata", pubFile.toString(), proofFile.toString());
        assertTrue(r.ok(), r.output());
        assertEquals(r.output().trim(), ours);
    }

    @Test
    void ourSetupProvesUnderSnarkjsAndTheReverse(@TempDir Path dir) throws Exception {
        R1cs r1cs = R1csFile.read(Vectors.file("snarkjs/mixed.r1cs")).r1cs();
        Path wtns = Vectors.file("snarkjs/mixed.wtns");
        ProvingKey pk = Groth16Setup.generate(r1cs);
        VerificationKey vk = pk.verificationKey();
        assertEquals(Groth16Setup.SETUP_KIND, vk.metadata().get("setup"));
        Path zkey = dir.resolve("ours.zkey"), vkFile = dir.resolve("vk.json");
        ZkeyFile.write(pk, zkey);
        SnarkjsJson.write(vkFile, SnarkjsJson.verificationKey(vk));
        // snarkjs proves with our key; we verify
        Path proofFile = dir.resolve("proof.json"), pubFile = dir.resolve("public.json");
        Snarkjs.Result p = Snarkjs.run("groth16", "prove", zkey.toString(), wtns.toString(), proofFile.toString(),
                pubFile.toString());
        assertTrue(p.ok(), p.output());
        Proof theirs = SnarkjsJson.readProof(SnarkjsJson.read(proofFile), "proof.json");
        List<Fr> pub = SnarkjsJson.readPublicSignals(SnarkjsJson.read(pubFile), "public.json");
        assertTrue(Groth16Verifier.verify(vk, pub, theirs).valid());
        // snarkjs exports the same verification key from our zkey
        Path exported = dir.resolve("exported.json");
        assertTrue(Snarkjs.run("zkey", "export", "verificationkey", zkey.toString(), exported.toString()).ok());
        VerificationKey theirVk = SnarkjsJson.readVerificationKey(SnarkjsJson.read(exported), "exported.json");
        assertEquals(vk.ic(), theirVk.ic());
        assertEquals(vk.alphaBeta(), theirVk.alphaBeta());
        // we prove with our key (read back from the file); snarkjs verifies with our vk.json
        ProvingKey reread = ZkeyFile.read(zkey);
        Proof ours = Groth16Prover.prove(reread, WtnsFile.read(wtns), Groth16Setup.drbg());
        SnarkjsJson.write(proofFile, SnarkjsJson.proof(ours));
        Snarkjs.Result v = Snarkjs.run("groth16", "verify", vkFile.toString(), pubFile.toString(), proofFile.toString());
        assertTrue(v.ok() && v.output().contains("OK"), v.output());
    }

    @Test
    void everyProofCoordinatePublicInputAndKeyChangeIsRejected() throws Exception {
        VerificationKey vk = vkey("mixed");
        JsonNode proofJson = SnarkjsJson.read(Vectors.file("snarkjs/mixed.proof.json"));
        List<Fr> pub = publicSignals("mixed.public.json");
        // each coordinate, one unit up: either no longer a valid point, or a failing pairing check
        String[][] slots = {{"pi_a", "0"}, {"pi_a", "1"}, {"pi_c", "0"}, {"pi_c", "1"},
                {"pi_b", "0", "0"}, {"pi_b", "0", "1"}, {"pi_b", "1", "0"}, {"pi_b", "1", "1"}};
        for (String[] slot : slots) {
            ObjectNode copy = proofJson.deepCopy();
            ArrayNode arr = (ArrayNode) copy.get(slot[0]);
            if (slot.length == 3) {
                arr = (ArrayNode) arr.get(Integer.parseInt(slot[1]));
            }
            int idx = Integer.parseInt(slot[slot.length - 1]);
            arr.set(idx, copy.textNode(new java.math.BigInteger(arr.get(idx).asText()).add(java.math.BigInteger.ONE).toString()));
            boolean rejected;
            try {
                rejected = !Groth16Verifier.verify(vk, pub, SnarkjsJson.readProof(copy, "p")).valid();
            } catch (InvalidFileException e) {
                rejected = true;
            }
            assertTrue(rejected, Arrays.toString(slot));
        }
        Proof proof = SnarkjsJson.readProof(proofJson, "p");
        // valid points in the wrong place
        assertFalse(Groth16Verifier.verify(vk, pub, new Proof(proof.a().add(G1Point.GENERATOR), proof.b(), proof.c())).valid());
        assertFalse(Groth16Verifier.verify(vk, pub, new Proof(proof.a(), proof.b().add(G2Point.GENERATOR), proof.c())).valid());
        assertFalse(Groth16Verifier.verify(vk, pub, new Proof(proof.a(), proof.b(), proof.c().neg())).valid());
        for (int i = 0; i < pub.size(); i++) {
            List<Fr> changed = new ArrayList<>(pub);
            changed.set(i, pub.get(i).add(Fr.ONE));
            assertFalse(Groth16Verifier.verify(vk, changed, proof).valid(), "public input " + i);
        }
        // another key: a different δ or IC point
        VerificationKey otherDelta = new VerificationKey(vk.alpha1(), vk.beta2(), vk.gamma2(), vk.delta2().dbl(), vk.ic(),
                vk.alphaBeta(), vk.metadata());
        assertFalse(Groth16Verifier.verify(otherDelta, pub, proof).valid());
        List<G1Point> ic = new ArrayList<>(vk.ic());
        ic.set(1, ic.get(1).add(G1Point.GENERATOR));
        assertFalse(Groth16Verifier.verify(new VerificationKey(vk.alpha1(), vk.beta2(), vk.gamma2(), vk.delta2(), ic,
                vk.alphaBeta(), vk.metadata()), pub, proof).valid());
        assertFalse(Groth16Verifier.verify(vkey("multiplier"), List.of(pub.get(0)), proof).valid());
        // a key file whose alphabeta does not match alpha and beta
        ObjectNode vkJson = (ObjectNode) SnarkjsJson.read(Vectors.file("snarkjs/mixed.vkey.json"));
        vkJson.set("vk_beta_2", SnarkjsJson.JSON.valueToTree(vk.beta2().dbl().toSnarkjs()));
        assertThrows(InvalidFileException.class, () -> SnarkjsJson.readVerificationKey(vkJson, "vk.json"));
        // a key of another curve, whatever its points
        ObjectNode otherCurve = (ObjectNode) SnarkjsJson.read(Vectors.file("snarkjs/mixed.vkey.json"));
        otherCurve.put("curve", "bls12381");
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> SnarkjsJson.readVerificationKey(otherCurve, "vk.json"));
        assertTrue(e.getMessage().contains("not BN254"), e.getMessage());
    }

    @Test
    void malformedOrTruncatedInputsGiveClearErrors(@TempDir Path dir) throws Exception {
        byte[] zkey = Files.readAllBytes(Vectors.file("snarkjs/multiplier.zkey"));
        for (int cut : new int[] {0, 10, 100, 700, zkey.length - 10}) {
            InvalidFileException e = assertThrows(InvalidFileException.class,
                    () -> ZkeyFile.read(Arrays.copyOf(zkey, cut), "multiplier.zkey"));
            assertTrue(e.getMessage().startsWith("multiplier.zkey: "), e.getMessage());
            Path cutFile = dir.resolve("cut.zkey");
            Files.write(cutFile, Arrays.copyOf(zkey, cut));
            e = assertThrows(InvalidFileException.class, () -> ZkeyFile.read(cutFile));
            assertTrue(e.getMessage().startsWith(cutFile + ": "), e.getMessage());
        }
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"pi_a\": [1, 2");
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> SnarkjsJson.read(bad));
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
        Files.writeString(bad, "[\"1\", \"21888242871839275222246405745257275088548364400416034343698204186575808495617\"]");
        e = assertThrows(InvalidFileException.class, () -> SnarkjsJson.readPublicSignals(SnarkjsJson.read(bad), "public.json"));
        assertTrue(e.getMessage().contains("public signal 1"), e.getMessage());
        ProvingKey pk = ZkeyFile.read(Vectors.file("snarkjs/multiplier.zkey"));
        assertThrows(IllegalArgumentException.class, () -> Groth16Prover.prove(pk, new long[4], Groth16Setup.drbg()));
    }

    @Test
    void writingASnarkjsKeyBackGivesTheSameBytes() throws Exception {
        for (String c : CIRCUITS) {
            byte[] bytes = Files.readAllBytes(Vectors.file("snarkjs/" + c + ".zkey"));
            assertTrue(Arrays.equals(bytes, ZkeyFile.toBytes(ZkeyFile.read(bytes, c))), c);
        }
    }

    @Test
    void aKeyOfManyCoefficientsWritesInChunksAndReadsBack() throws Exception {
        // a chain of squarings with a running sum: more coefficients than one chunk of the writer (2^15)
        org.loraproof.circuit.r1cs.R1csBuilder b = new org.loraproof.circuit.r1cs.R1csBuilder();
        var y = b.publicInput("x", () -> Fr.of(5));
        var sum = y;
        for (int i = 0; i < 12_000; i++) {
            var prev = y;
            var next = b.witness("y", () -> b.value(prev).square());
            b.enforce("square", prev, prev, next);
            var total = sum.add(next);
            var s = b.witness("sum", () -> b.value(total));
            b.enforce("sum", total, org.loraproof.circuit.r1cs.LinearCombination.constant(1), s);
            y = next;
            sum = s;
        }
        ProvingKey pk = Groth16Setup.generate(b.r1cs());
        assertTrue(pk.numCoefficients() > 1 << 15, "coefficients: " + pk.numCoefficients());
        byte[] bytes = ZkeyFile.toBytes(pk);
        ProvingKey back = ZkeyFile.read(bytes, "chain.zkey");
        assertTrue(Arrays.equals(bytes, ZkeyFile.toBytes(back)));
        // through a Source, as a storage URI is read: positioned reads in parallel chunks, the same key
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        org.loraproof.circuit.r1cs.SectionedFile.Source source = new org.loraproof.circuit.r1cs.SectionedFile.Source() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void readFully(long pos, byte[] buf, int off, int length) {
                reads.incrementAndGet();
                System.arraycopy(bytes, (int) pos, buf, off, length);
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        assertTrue(Arrays.equals(bytes, ZkeyFile.toBytes(ZkeyFile.read(source, "chain.zkey"))));
        assertTrue(closed.get(), "the source is closed");
        assertTrue(reads.get() > 12, "reads: " + reads.get()); // headers, then sections of several 1 MiB chunks
        // streamed in blocks of a few kilobytes: many blocks per section, the same bytes
        for (int block : new int[] {44 * 100 + 7, 4096}) {
            java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
            ZkeyFile.write(back, streamed, block);
            assertTrue(Arrays.equals(bytes, streamed.toByteArray()), "blocks of " + block);
        }
        long[] z = b.assignment();
        Proof proof = Groth16Prover.prove(back, z, Groth16Prover.blindingRandom());
        assertTrue(Groth16Verifier.verify(pk.verificationKey(), Groth16Prover.publicSignals(back, z), proof).valid());
    }
}
