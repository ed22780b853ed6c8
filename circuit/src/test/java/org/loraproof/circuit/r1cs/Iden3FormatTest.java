package org.loraproof.circuit.r1cs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loraproof.circuit.Snarkjs;
import org.loraproof.circuit.Vectors;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.gadgets.MerklePathGadget;
import org.loraproof.circuit.merkle.MerkleTree;

/** .r1cs and .wtns: snarkjs's files load, satisfy the MockProver and round-trip; snarkjs accepts ours. */
class Iden3FormatTest {

    @ParameterizedTest
    @ValueSource(strings = {"multiplier", "poseidon2", "mixed"})
    void snarkjsFilesLoadSatisfyAndRoundTrip(String circuit) throws Exception {
        Path r1csPath = Vectors.file("snarkjs/" + circuit + ".r1cs"), wtnsPath = Vectors.file("snarkjs/" + circuit + ".wtns");
        byte[] r1csBytes = Files.readAllBytes(r1csPath), wtnsBytes = Files.readAllBytes(wtnsPath);
        R1csFile file = R1csFile.read(r1csBytes, circuit + ".r1cs");
        long[] z = WtnsFile.read(wtnsBytes, circuit + ".wtns");
        assertEquals(file.r1cs().numVariables(), z.length / 4);
        assertTrue(MockProver.verify(file.r1cs(), z, 1).isEmpty());
        assertArrayEquals(r1csBytes, file.toBytes());
        assertArrayEquals(wtnsBytes, WtnsFile.toBytes(z));
        // a changed witness value fails a constraint
        long[] bad = z.clone();
        Fr.fromLimbs(bad, 4 * (z.length / 4 - 1)).add(Fr.ONE).writeLimbs(bad, 4 * (z.length / 4 - 1));
        assertFalse(MockProver.verify(file.r1cs(), bad, 1).isEmpty());
    }

    @Test
    void mixedCircuitHasCircomsWireLayout() throws Exception {
        R1csFile file = R1csFile.read(Vectors.file("snarkjs/mixed.r1cs"));
        assertEquals(2, file.publicOutputs());
        assertEquals(2, file.publicInputs());
        assertEquals(4, file.r1cs().numPublic());
        long[] z = WtnsFile.read(Vectors.file("snarkjs/mixed.wtns"));
        // public signals [52, 196, 5, 7] are wires 1..4
        long[] expected = {52, 196, 5, 7};
        for (int i = 0; i < 4; i++) {
            assertEquals(Fr.of(expected[i]), Fr.fromLimbs(z, 4 * (i + 1)));
        }
    }

    @Test
    void truncatedOrForeignFilesGiveAClearError(@TempDir Path dir) throws Exception {
        byte[] r1cs = Files.readAllBytes(Vectors.file("snarkjs/mixed.r1cs"));
        Path cutFile = dir.resolve("cut.r1cs");
        for (int cut : new int[] {0, 3, 11, 40, r1cs.length - 1}) {
            InvalidFileException e = assertThrows(InvalidFileException.class,
                    () -> R1csFile.read(Arrays.copyOf(r1cs, cut), "mixed.r1cs"));
            assertTrue(e.getMessage().startsWith("mixed.r1cs: "), e.getMessage());
            Files.write(cutFile, Arrays.copyOf(r1cs, cut));
            for (int buffer : new int[] {64, 1 << 20}) {
                e = assertThrows(InvalidFileException.class, () -> R1csFile.read(cutFile, buffer));
                assertTrue(e.getMessage().startsWith(cutFile + ": "), e.getMessage());
            }
        }
        byte[] wtns = Files.readAllBytes(Vectors.file("snarkjs/mixed.wtns"));
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> WtnsFile.read(Arrays.copyOf(wtns, wtns.length - 5), "mixed.wtns"));
        assertTrue(e.getMessage().contains("mixed.wtns"), e.getMessage());
        assertThrows(InvalidFileException.class, () -> WtnsFile.read(r1cs, "mixed.r1cs"));
        assertThrows(InvalidFileException.class, () -> R1csFile.read(wtns, "mixed.wtns"));
        // the last value set to 2^256 − 1, above r
        byte[] big = wtns.clone();
        Arrays.fill(big, big.length - 32, big.length, (byte) 0xFF);
        e = assertThrows(InvalidFileException.class, () -> WtnsFile.read(big, "mixed.wtns"));
        assertEquals("mixed.wtns: witness value " + (WtnsFile.read(wtns, "w").length / 4 - 1)
                + " is not below the field modulus", e.getMessage());
    }

    /**
     * A circuit of ours: a depth-4 Merkle path with a public root, checked five times so that the
     * file has more constraints than one chunk of the writer (4096).
     */
    static R1csBuilder merkleCircuit() {
        long[] leaves = new long[4 * 10];
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 10; i++) {
            Fr.random(rng).writeLimbs(leaves, 4 * i);
        }
        MerkleTree tree = MerkleTree.build(leaves, 10);
        int index = 6;
        R1csBuilder b = new R1csBuilder();
        var root = b.publicInput("root", tree::root);
        var leaf = b.witness("leaf", () -> tree.node(0, index));
        var idx = b.witness("index", () -> Fr.of(index));
        var sib = new LinearCombination[tree.depth()];
        Fr[] path = tree.path(index);
        for (int k = 0; k < sib.length; k++) {
            Fr v = path[k];
            sib[k] = b.witness("sibling", () -> v);
        }
        for (int copy = 0; copy < 5; copy++) {
            MerklePathGadget.verify(b, "merkle" + copy, leaf, idx, sib, root);
        }
        assertTrue(b.numConstraints() > 4096, b.numConstraints() + " constraints");
        return b;
    }

    @Test
    void snarkjsAcceptsFilesWeWrite(@TempDir Path dir) throws Exception {
        R1csBuilder b = merkleCircuit();
        Path r1cs = dir.resolve("merkle.r1cs"), wtns = dir.resolve("merkle.wtns");
        R1csFile.of(b.r1cs()).write(r1cs);
        WtnsFile.write(wtns, b.assignment());
        Snarkjs.Result info = Snarkjs.run("r1cs", "info", r1cs.toString());
        assertTrue(info.ok(), info.output());
        assertTrue(info.output().contains("# of Constraints: " + b.numConstraints()), info.output());
        Snarkjs.Result check = Snarkjs.run("wtns", "check", r1cs.toString(), wtns.toString());
        assertTrue(check.ok() && check.output().contains("WITNESS IS CORRECT"), check.output());
        // and it notices a wrong witness
        long[] z = b.assignment();
        Fr.of(12345).writeLimbs(z, 4 * 3);
        WtnsFile.write(wtns, z);
        Snarkjs.Result wrong = Snarkjs.run("wtns", "check", r1cs.toString(), wtns.toString());
        assertFalse(wrong.output().contains("WITNESS IS CORRECT"), wrong.output());
        // our reader reads back what we wrote
        assertArrayEquals(Files.readAllBytes(r1cs), R1csFile.read(r1cs).toBytes());
        // constraints read through buffers of 64 bytes and more: the same circuit, the same bytes back
        for (int buffer : new int[] {64, 100, 4099}) {
            assertArrayEquals(Files.readAllBytes(r1cs), R1csFile.read(r1cs, buffer).toBytes(), "buffer of " + buffer);
        }
        // streamed in blocks of a few kilobytes: the same bytes
        for (int block : new int[] {1, 3000, 65536}) {
            java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
            R1csFile.of(b.r1cs()).write(streamed, block);
            assertArrayEquals(Files.readAllBytes(r1cs), streamed.toByteArray(), "blocks of " + block);
        }
    }
}
