package org.loraproof.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loraproof.circuit.Vectors;
import org.loraproof.driver.CommandRun;

/** The groth16 subcommands end to end on snarkjs's files: exit codes, outputs, errors, no partial files. */
class Groth16CommandTest {
    private static final Path V = Vectors.file("snarkjs");

    private static String v(String f) {
        return V.resolve(f).toString();
    }

    @Test
    void proveThenVerify(@TempDir Path dir) throws Exception {
        String proof = dir.resolve("proof.json").toString(), pub = dir.resolve("public.json").toString();
        CommandRun p = CommandRun.of("groth16", "prove", v("mixed.zkey"), v("mixed.wtns"), proof, pub, "--r1cs", v("mixed.r1cs"));
        assertEquals(0, p.exit(), p.err());
        assertEquals("", p.err() + p.out(), "a small proof without -v prints nothing");
        assertEquals("[ \"52\", \"196\", \"5\", \"7\" ]", Files.readString(Path.of(pub)).trim());
        CommandRun ok = CommandRun.of("groth16", "verify", v("mixed.vkey.json"), pub, proof);
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("OK", ok.out().trim());
    }

    @Test
    void rejectionsAndErrorsAreOneLineWithNonZeroExit(@TempDir Path dir) throws Exception {
        CommandRun tampered = CommandRun.of("groth16", "verify", v("multiplier.vkey.json"), v("multiplier.public.json"),
                v("multiplier.proof.tampered.json"));
        assertEquals(1, tampered.exit());
        assertTrue(tampered.err().startsWith("INVALID: "), tampered.err());
        CommandRun wrongPublic = CommandRun.of("groth16", "verify", v("multiplier.vkey.json"), v("multiplier.public.wrong.json"),
                v("multiplier.proof.json"));
        assertEquals(1, wrongPublic.exit());
        CommandRun badPoint = CommandRun.of("groth16", "verify", v("mixed.vkey.json"), v("mixed.public.json"), v("mixed.proof.tampered.json"));
        assertEquals(1, badPoint.exit());
        assertTrue(badPoint.err().contains("pi_b is not a valid G2 point"), badPoint.err());
        assertEquals(1, badPoint.err().trim().lines().count());
        Path proof = dir.resolve("proof.json"), pub = dir.resolve("public.json");
        CommandRun mismatch = CommandRun.of("groth16", "prove", v("mixed.zkey"), v("multiplier.wtns"), proof.toString(), pub.toString());
        assertEquals(1, mismatch.exit());
        assertTrue(mismatch.err().contains("7 variables"), mismatch.err());
        CommandRun missing = CommandRun.of("groth16", "prove", dir.resolve("none.zkey").toString(), v("mixed.wtns"), proof.toString(),
                pub.toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("none.zkey: no such file"), missing.err());
        CommandRun usage = CommandRun.of("groth16", "prove", v("mixed.zkey"));
        assertEquals(2, usage.exit());
        assertFalse(Files.exists(proof) || Files.exists(pub), "no partial output after a failure");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void unsatisfiedWitnessNamesTheConstraintWithR1csAndFailsWithout(@TempDir Path dir) throws Exception {
        byte[] wtns = Files.readAllBytes(V.resolve("mixed.wtns"));
        wtns[wtns.length - 32] ^= 1; // change the last witness value (signal s = x + y)
        Path bad = dir.resolve("bad.wtns");
        Files.write(bad, wtns);
        String proof = dir.resolve("p.json").toString(), pub = dir.resolve("q.json").toString();
        CommandRun named = CommandRun.of("groth16", "prove", v("mixed.zkey"), bad.toString(), proof, pub, "--r1cs", v("mixed.r1cs"));
        assertEquals(1, named.exit());
        assertTrue(named.err().contains("does not satisfy constraint constraint["), named.err());
        CommandRun unnamed = CommandRun.of("groth16", "prove", v("mixed.zkey"), bad.toString(), proof, pub);
        assertEquals(1, unnamed.exit());
        assertTrue(unnamed.err().contains("does not satisfy the circuit"), unnamed.err());
    }

    /**
     * groth16 prove runs over its own command (the cold start's short path) as it does in the whole
     * command line; a resident prover's request declines what needs a JVM of its own.
     */
    @Test
    void proveOverItsOwnCommandAndTheResidentsRequests(@TempDir Path dir) throws Exception {
        String proof = dir.resolve("p.json").toString(), pub = dir.resolve("q.json").toString();
        StringWriter err = new StringWriter(), out = new StringWriter();
        int code = Groth16Command.Prove.run(new String[] {"-v", v("mixed.zkey"), v("mixed.wtns"), proof, pub},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code);
        // with -v each phase as it starts, then the timings
        String said = err.toString();
        int r = said.indexOf("reading " + v("mixed.zkey") + " and " + v("mixed.wtns")), a = said.indexOf("evaluating A·z and B·z"),
                f = said.indexOf("6 FFTs"), m1 = said.indexOf("MSM 1/5"), m5 = said.indexOf("MSM 5/5"), t = said.indexOf("read ");
        assertTrue(r >= 0 && r < a && a < f && f < m1 && m1 < m5 && m5 < t && said.contains("msm"), said);
        assertEquals(0, CommandRun.of("groth16", "verify", v("mixed.vkey.json"), pub, proof).exit());
        CommandRun missing = CommandRun.of("groth16", "prove", dir.resolve("none.zkey").toString(), v("mixed.wtns"), proof, pub);
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("loraproof: " + dir.resolve("none.zkey") + ": no such file"), missing.err());
        assertEquals(2, CommandRun.of("groth16", "prove", v("mixed.zkey")).exit(), "a usage error");
        // a request with relative paths, from another working directory
        Path here = Vectors.file("snarkjs");
        Integer served = Groth16Command.Prove.serve(new String[] {"groth16", "prove", "mixed.zkey", "mixed.wtns", proof, pub},
                new PrintWriter(err, true), here, org.loraproof.circuit.groth16.ZkeyFile::read);
        assertEquals(0, served);
        for (String[] other : new String[][] {
                {"groth16", "prove", v("mixed.zkey"), v("mixed.wtns"), proof, pub, "--r1cs"},
                {"groth16", "prove", "--help"},
                {"groth16", "prove", v("mixed.zkey"), v("mixed.wtns"), proof},
                {"groth16", "prove", "hdfs://nn/mixed.zkey", v("mixed.wtns"), proof, pub},
                {"groth16", "prove", "@args.txt", v("mixed.wtns"), proof, pub},
                {"groth16", "prove", "--master", "local[2]", v("mixed.zkey"), v("mixed.wtns"), proof, pub},
                {"groth16", "verify", v("mixed.zkey"), v("mixed.wtns"), proof, pub}}) {
            assertEquals(null, Groth16Command.Prove.serve(other, new PrintWriter(err, true), dir,
                    org.loraproof.circuit.groth16.ZkeyFile::read), String.join(" ", other));
        }
    }

    @Test
    void setupAndExportProduceAKeyThatProves(@TempDir Path dir) throws Exception {
        String zkey = dir.resolve("c.zkey").toString(), vk = dir.resolve("vk.json").toString();
        assertEquals(0, CommandRun.of("groth16", "setup", v("mixed.r1cs"), zkey).exit());
        assertEquals(0, CommandRun.of("groth16", "export-vk", zkey, vk).exit());
        assertTrue(Files.readString(Path.of(vk)).contains("single-party local setup"));
        String proof = dir.resolve("p.json").toString(), pub = dir.resolve("q.json").toString();
        assertEquals(0, CommandRun.of("groth16", "prove", zkey, v("mixed.wtns"), proof, pub).exit());
        assertEquals(0, CommandRun.of("groth16", "verify", vk, pub, proof).exit());
        assertEquals(1, CommandRun.of("groth16", "verify", v("mixed.vkey.json"), pub, proof).exit(), "a proof for another key");
    }

    @Test
    void aFolderGivenForAFileIsNamedAndOutputsAreCheckedBeforeProving(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("a folder"));
        Path inside = Files.createFile(folder.resolve("kept"));
        String proof = dir.resolve("p.json").toString(), pub = dir.resolve("q.json").toString();
        String[][] inputs = {
            {"groth16", "prove", folder.toString(), v("mixed.wtns"), proof, pub},
            {"groth16", "prove", v("mixed.zkey"), folder.toString(), proof, pub},
            {"groth16", "prove", v("mixed.zkey"), v("mixed.wtns"), proof, pub, "--r1cs", folder.toString()},
            {"groth16", "verify", folder.toString(), v("mixed.public.json"), v("mixed.proof.json")},
            {"groth16", "verify", v("mixed.vkey.json"), folder.toString(), v("mixed.proof.json")},
            {"groth16", "verify", v("mixed.vkey.json"), v("mixed.public.json"), folder.toString()},
            {"groth16", "setup", folder.toString(), dir.resolve("k.zkey").toString()},
            {"groth16", "export-vk", folder.toString(), dir.resolve("vk.json").toString()}};
        for (String[] args : inputs) {
            CommandRun r = CommandRun.of(args);
            assertEquals(1, r.exit(), String.join(" ", args));
            assertEquals("loraproof: " + folder + ": is a folder, not a file", r.err().trim(), String.join(" ", args));
        }
        String[][] outputs = {
            {"groth16", "prove", v("mixed.zkey"), v("mixed.wtns"), folder.toString(), pub},
            {"groth16", "prove", v("mixed.zkey"), v("mixed.wtns"), proof, folder.toString()},
            {"groth16", "setup", v("mixed.r1cs"), folder.toString()},
            {"groth16", "export-vk", v("mixed.zkey"), folder.toString()}};
        for (String[] args : outputs) {
            CommandRun r = CommandRun.of(args);
            assertEquals(1, r.exit(), String.join(" ", args));
            assertEquals("loraproof: " + folder + ": is a folder; give a file name to write", r.err().trim(),
                    String.join(" ", args));
        }
        // under a file, a folder cannot be made
        CommandRun underFile = CommandRun.of("groth16", "prove", v("mixed.zkey"), v("mixed.wtns"), inside.resolve("p.json").toString(), pub);
        assertEquals(1, underFile.exit());
        assertEquals("loraproof: " + inside + ": is a file, so nothing can be written under it", underFile.err().trim());
        try (var files = Files.list(folder)) {
            assertEquals(1, files.count(), "the folder is left as it was");
        }
        assertFalse(Files.exists(Path.of(proof)) || Files.exists(Path.of(pub)), "nothing written");
    }

    @Test
    void calldataPrintsSnarkjssLineAndWritesTheEip197Bytes(@TempDir Path dir) throws Exception {
        Path bin = dir.resolve("proof.bin");
        CommandRun r = CommandRun.of("groth16", "calldata", "--eip197", bin.toString(), v("mixed.public.json"), v("mixed.proof.json"));
        assertEquals(0, r.exit(), r.err());
        var proof = org.loraproof.circuit.groth16.SnarkjsJson.readProof(
                org.loraproof.circuit.groth16.SnarkjsJson.read(Path.of(v("mixed.proof.json"))), "p");
        var pub = org.loraproof.circuit.groth16.SnarkjsJson.readPublicSignals(
                org.loraproof.circuit.groth16.SnarkjsJson.read(Path.of(v("mixed.public.json"))), "q");
        // the line's format is checked against snarkjs's in Groth16SnarkjsTest
        assertEquals(org.loraproof.circuit.groth16.SnarkjsJson.solidityCalldata(proof, pub), r.out().trim());
        assertTrue(r.out().startsWith("[\"0x2cfaaae79025f56bdfdeff2a0269a9b3b6261f9c238e269872ae67d8fb6a2060\""), r.out());
        assertEquals(java.util.HexFormat.of().formatHex(proof.toEip197()), java.util.HexFormat.of().formatHex(Files.readAllBytes(bin)));
        Path bad = dir.resolve("bad.bin");
        CommandRun tampered = CommandRun.of("groth16", "calldata", "--eip197", bad.toString(), v("mixed.public.json"),
                v("mixed.proof.tampered.json"));
        assertEquals(1, tampered.exit());
        assertTrue(tampered.err().contains("pi_b is not a valid G2 point"), tampered.err());
        assertFalse(Files.exists(bad), "nothing written for a bad proof");
    }

    @Test
    void storageUrisAreReadAndWrittenThroughHadoop(@TempDir Path dir) throws Exception {
        String in = V.toAbsolutePath().normalize().toUri().toString(); // file:///…/snarkjs/
        String out = dir.toUri().toString();
        CommandRun p = CommandRun.of("groth16", "prove", in + "mixed.zkey", in + "mixed.wtns", out + "sub/proof.json", out + "sub/public.json",
                "--r1cs", in + "mixed.r1cs");
        assertEquals(0, p.exit(), p.err());
        assertEquals("[ \"52\", \"196\", \"5\", \"7\" ]", Files.readString(dir.resolve("sub/public.json")).trim());
        assertEquals(0, CommandRun.of("groth16", "export-vk", in + "mixed.zkey", out + "vk.json").exit());
        CommandRun ok = CommandRun.of("groth16", "verify", out + "vk.json", out + "sub/public.json", out + "sub/proof.json");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("OK", ok.out().trim());
        // the same proof through local paths: the URI form changes nothing
        assertEquals(0, CommandRun.of("groth16", "verify", v("mixed.vkey.json"), dir.resolve("sub/public.json").toString(),
                dir.resolve("sub/proof.json").toString()).exit());
        CommandRun calldata = CommandRun.of("groth16", "calldata", "--eip197", out + "proof.bin", in + "mixed.public.json", in + "mixed.proof.json");
        assertEquals(0, calldata.exit(), calldata.err());
        assertEquals(CommandRun.of("groth16", "calldata", v("mixed.public.json"), v("mixed.proof.json")).out(), calldata.out());
        assertEquals(256, Files.size(dir.resolve("proof.bin")));
        CommandRun missing = CommandRun.of("groth16", "verify", out + "none.json", in + "mixed.public.json", in + "mixed.proof.json");
        assertEquals(1, missing.exit());
        assertEquals("loraproof: " + out + "none.json: no such file", missing.err().trim());
        // a URI other than a key is read whole: one over 2 GB is refused by name (a sparse file, so
        // nothing is written); a key's is read in chunks, so the same file is refused for its contents
        try (var big = new java.io.RandomAccessFile(dir.resolve("big.json").toFile(), "rw")) {
            big.setLength(2200L << 20);
        }
        CommandRun tooBig = CommandRun.of("groth16", "verify", out + "big.json", in + "mixed.public.json", in + "mixed.proof.json");
        assertEquals(1, tooBig.exit());
        assertTrue(tooBig.err().startsWith("loraproof: " + out + "big.json: over 2 GB"), tooBig.err());
        CommandRun bigKey = CommandRun.of("groth16", "export-vk", out + "big.json", out + "big.vk.json");
        assertEquals(1, bigKey.exit());
        assertTrue(bigKey.err().contains("not a .zkey file"), bigKey.err());
        try (var files = Files.walk(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".partial")), "no temporary files left");
        }
    }
}
