package org.loraproof.driver.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loraproof.circuit.Vectors;
import org.loraproof.driver.CommandRun;
import org.loraproof.driver.cli.Groth16Command;

/** The resident prover through its client: proofs snarkjs's keys accept, relative paths, a changed key, errors, stop. */
class ResidentProverTest {
    private static final Path V = Vectors.file("snarkjs").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    private Path socket;
    private ResidentProver prover;
    private final StringWriter log = new StringWriter();

    record Run(int exit, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("s").resolve("prover.sock");
        prover = new ResidentProver(socket, 0, 1 << 30, new PrintWriter(log, true), Groth16Command.Prove::serve);
        prover.start();
    }

    @AfterEach
    void stop() {
        prover.close();
    }

    private Run client(Path cwd, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = ResidentProverClient.run(socket, cwd, args, out, err);
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    private static Run verify(String circuit, Path pub, Path proof) {
        CommandRun r = CommandRun.of("groth16", "verify", V.resolve(circuit + ".vkey.json").toString(),
                pub.toString(), proof.toString());
        return new Run(r.exit(), r.err());
    }

    @Test
    void provesWithPathsRelativeToTheClientAndKeepsTheKey() throws Exception {
        prover.warmUp(); // its own proofs, through the codecs, must verify
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("out" + i);
            Run p = client(V, "groth16", "prove", "mixed.zkey", "mixed.wtns", out + "/proof.json", out + "/public.json");
            assertEquals(0, p.exit(), p.err());
            assertEquals("[ \"52\", \"196\", \"5\", \"7\" ]", Files.readString(out.resolve("public.json")).trim());
            Run ok = verify("mixed", out.resolve("public.json"), out.resolve("proof.json"));
            assertEquals(0, ok.exit(), ok.err());
        }
        Run timed = client(V, "groth16", "prove", "-v", "mixed.zkey", "mixed.wtns", dir + "/p.json", dir + "/q.json");
        assertEquals(0, timed.exit(), timed.err());
        assertTrue(timed.err().contains("msm") && timed.err().contains("(in the resident prover)"), timed.err());
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        assertEquals(0, ResidentProverClient.run(socket, dir, new String[] {ResidentProver.STATUS}, status,
                new ByteArrayOutputStream()));
        assertTrue(status.toString(StandardCharsets.UTF_8).contains("3 proof(s), 1 key(s) held"), status.toString());
        assertEquals(3, log.toString().lines().filter(l -> l.startsWith("groth16 prove") && l.contains("exit 0")).count(),
                log.toString());
    }

    @Test
    void clientsAtTheSameTimeEachGetTheirProof() throws Exception {
        String[] circuits = {"mixed", "multiplier", "poseidon2", "mixed"};
        var runs = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Run>>();
        for (int i = 0; i < circuits.length; i++) {
            String c = circuits[i], out = dir.resolve("c" + i).toString();
            runs.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> client(V, "groth16", "prove", c + ".zkey",
                    c + ".wtns", out + "/proof.json", out + "/public.json")));
        }
        for (int i = 0; i < circuits.length; i++) {
            Run p = runs.get(i).get();
            assertEquals(0, p.exit(), circuits[i] + ": " + p.err());
            Path out = dir.resolve("c" + i);
            Run ok = verify(circuits[i], out.resolve("public.json"), out.resolve("proof.json"));
            assertEquals(0, ok.exit(), circuits[i] + ": " + ok.err());
        }
    }

    @Test
    void aStopWaitsForTheProofsAlreadyAcceptedAndLaterOnesAreDeclined() throws Exception {
        var runs = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Run>>();
        for (int i = 0; i < 6; i++) {
            String out = dir.resolve("s" + i).toString();
            runs.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> client(V, "groth16", "prove",
                    "poseidon2.zkey", "poseidon2.wtns", out + "/proof.json", out + "/public.json")));
        }
        Thread.sleep(20);
        assertEquals(0, client(dir, ResidentProver.STOP).exit());
        prover.awaitStop();
        long logged = log.toString().lines().filter(l -> l.contains("exit 0")).count(); // as the JVM would exit here
        int proved = 0;
        for (var run : runs) {
            Run r = run.get();
            assertTrue(r.exit() == 0 || r.exit() == ResidentProverClient.NOT_SERVED, r.exit() + ": " + r.err());
            proved += r.exit() == 0 ? 1 : 0;
        }
        assertEquals(proved, logged, "every proof answered before the stop returned: " + log);
    }

    @Test
    void aKeyFileReplacedByAnotherIsReadAgain() throws Exception {
        Path key = dir.resolve("circuit.zkey");
        String[] circuits = {"mixed", "multiplier", "mixed"};
        for (int i = 0; i < circuits.length; i++) {
            String c = circuits[i];
            Files.copy(V.resolve(c + ".zkey"), key, StandardCopyOption.REPLACE_EXISTING);
            Path proof = dir.resolve(i + ".proof.json"), pub = dir.resolve(i + ".public.json");
            Run p = client(dir, "groth16", "prove", key.toString(), V.resolve(c + ".wtns").toString(), proof.toString(),
                    pub.toString());
            assertEquals(0, p.exit(), c + ": " + p.err());
            Run ok = verify(c, pub, proof);
            assertEquals(0, ok.exit(), c + ": " + ok.err());
        }
    }

    @Test
    void errorsComeBackAsTheCommandsOwnAndOtherOptionsAreLeftToTheLauncher() throws Exception {
        Run missing = client(dir, "groth16", "prove", "none.zkey", V.resolve("mixed.wtns").toString(), "p.json", "q.json");
        assertEquals(1, missing.exit());
        assertEquals("loraproof: " + dir.resolve("none.zkey") + ": no such file", missing.err().trim());
        Run mismatch = client(V, "groth16", "prove", "mixed.zkey", "multiplier.wtns", dir + "/p.json", dir + "/q.json");
        assertEquals(1, mismatch.exit());
        assertTrue(mismatch.err().contains("7 variables"), mismatch.err());
        assertFalse(Files.exists(dir.resolve("p.json")), "no output after a failure");
        byte[] wtns = Files.readAllBytes(V.resolve("mixed.wtns"));
        wtns[wtns.length - 32] ^= 1; // the last witness value (signal s = x + y)
        Files.write(dir.resolve("bad.wtns"), wtns);
        Run checked = client(dir, "groth16", "prove", V.resolve("mixed.zkey").toString(), "bad.wtns", "p.json", "q.json",
                "--r1cs=" + V.resolve("mixed.r1cs"));
        assertEquals(1, checked.exit());
        assertTrue(checked.err().contains("does not satisfy constraint"), "the failing constraint is named: " + checked.err());
        assertFalse(Files.exists(dir.resolve("p.json")), "no output after a failure");
        Run withR1cs = client(V, "groth16", "prove", "mixed.zkey", "mixed.wtns", dir + "/p.json", dir + "/q.json",
                "--r1cs", "mixed.r1cs");
        assertEquals(0, withR1cs.exit(), withR1cs.err());
        assertEquals(ResidentProverClient.NOT_SERVED, client(dir, "groth16", "prove", "--help").exit());
        assertEquals(ResidentProverClient.NOT_SERVED, client(dir, "groth16", "prove", "a", "b", "c", "d", "--r1cs").exit());
    }

    @Test
    void oneProverPerSocketAndStopRemovesIt() throws Exception {
        ResidentProver second = new ResidentProver(socket, 0, 1 << 30, new PrintWriter(new StringWriter()), Groth16Command.Prove::serve);
        IllegalStateException busy = assertThrows(IllegalStateException.class, second::start);
        assertTrue(busy.getMessage().contains("already listens on " + socket), busy.getMessage());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(socket)), "only the owner may connect");
        assertEquals(0, client(dir, ResidentProver.STOP).exit());
        prover.awaitStop();
        assertFalse(Files.exists(socket));
        assertEquals(ResidentProverClient.NOT_SERVED, client(dir, "groth16", "prove", "a", "b", "c", "d").exit());
    }

    @Test
    void aProverOfAnotherBuildDeclinesWithAReason() throws Exception {
        prover.close();
        ResidentProver old = new ResidentProver(socket, 0, 1 << 30, new PrintWriter(new StringWriter()),
                Groth16Command.Prove::serve, ResidentProverClient.build() - 1);
        old.start();
        try {
            Run p = client(V, "groth16", "prove", "multiplier.zkey", "multiplier.wtns", dir + "/p.json", dir + "/q.json");
            assertEquals(ResidentProverClient.NOT_SERVED, p.exit());
            assertTrue(p.err().contains("runs another build"), p.err());
            assertFalse(Files.exists(dir.resolve("p.json")));
            assertEquals(0, client(dir, ResidentProver.STOP).exit(), "stopping works across builds");
        } finally {
            old.close();
        }
    }

    @Test
    void aClientOfAnotherProtocolIsToldToProveItself() throws Exception {
        try (var channel = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            channel.connect(java.net.UnixDomainSocketAddress.of(socket));
            var request = new java.io.DataOutputStream(java.nio.channels.Channels.newOutputStream(channel));
            request.writeInt(0x4c505231); // "LPR1", the first protocol: its request, written before any reading
            request.writeLong(ResidentProverClient.build());
            request.writeUTF("/");
            request.writeInt(1);
            request.writeUTF(ResidentProver.STATUS);
            request.flush();
            var answer = new java.io.DataInputStream(java.nio.channels.Channels.newInputStream(channel));
            assertEquals(ResidentProverClient.EXIT, answer.readByte());
            assertEquals(ResidentProverClient.NOT_SERVED, answer.readInt());
        }
    }

    @Test
    void aSocketLeftByAKilledProverIsTakenOver() throws Exception {
        prover.close();
        Files.createFile(socket); // stands for the socket file of a prover that was killed
        ResidentProver next = new ResidentProver(socket, 0, 1 << 30, new PrintWriter(new StringWriter()), Groth16Command.Prove::serve);
        next.start();
        try {
            Path out = dir.resolve("out");
            Run p = client(V, "groth16", "prove", "multiplier.zkey", "multiplier.wtns", out + "/proof.json",
                    out + "/public.json");
            assertEquals(0, p.exit(), p.err());
        } finally {
            next.close();
        }
    }

    /** bin/resident-client, the launcher's Perl client, run for this build or the given one. */
    private Run perlClient(Path cwd, long build, String... args) throws Exception {
        return perlClient(socket.toString(), cwd, build, args);
    }

    private Run perlClient(String sock, Path cwd, long build, String... args) throws Exception {
        Path script = Path.of("../bin/resident-client").toAbsolutePath().normalize();
        var command = new java.util.ArrayList<>(java.util.List.of("perl", script.toString(), sock,
                Long.toString(build), cwd.toString()));
        command.addAll(java.util.List.of(args));
        Path err = dir.resolve("perl.err");
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int code = p.waitFor();
        return new Run(code, Files.readString(err));
    }

    @Test
    void theLaunchersPerlClientSpeaksTheSameProtocol() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("perl", "-MSocket", "-e", "1").start().waitFor() == 0,
                "Perl with sockets (Debian's perl-base)");
        long build = ResidentProverClient.build();
        Path out = dir.resolve("µ-π ü"); // arguments go as UTF-8
        Run p = perlClient(V, build, "groth16", "prove", "-v", "mixed.zkey", "mixed.wtns", out + "/proof.json",
                out + "/public.json");
        assertEquals(0, p.exit(), p.err());
        assertTrue(p.err().contains("(in the resident prover)"), p.err());
        Run ok = verify("mixed", out.resolve("public.json"), out.resolve("proof.json"));
        assertEquals(0, ok.exit(), ok.err());
        // a failure: the same exit code and message as through the Java client
        String[] bad = {"groth16", "prove", "mixed.zkey", "multiplier.wtns", dir + "/p.json", dir + "/q.json"};
        Run perl = perlClient(V, build, bad), java = client(V, bad);
        assertEquals(1, perl.exit());
        assertEquals(java.exit(), perl.exit());
        assertEquals(java.err(), perl.err());
        assertEquals(ResidentProverClient.NOT_SERVED, perlClient(V, build, "groth16", "prove", "--help").exit());
        Run other = perlClient(V, build - 1, "groth16", "prove", "mixed.zkey", "mixed.wtns", dir + "/p.json", dir + "/q.json");
        assertEquals(ResidentProverClient.NOT_SERVED, other.exit());
        assertTrue(other.err().contains("runs another build"), other.err());
        assertFalse(Files.exists(dir.resolve("p.json")));
        prover.close();
        assertEquals(ResidentProverClient.NOT_SERVED, perlClient(V, build, "groth16", "prove", "a", "b", "c", "d").exit(),
                "no prover answering");
        Run longPath = perlClient("/tmp/" + "a".repeat(200), dir, build, "groth16", "prove");
        assertEquals(ResidentProverClient.NOT_SERVED, longPath.exit(), "a path no socket address holds");
        assertEquals("", longPath.err(), "not truncated");
    }

    @Test
    void theKeyCacheKeepsWithinItsBudget() throws Exception {
        ProvingKeyCache small = new ProvingKeyCache(1);
        small.get(V.resolve("mixed.zkey"));
        assertEquals(0, small.size(), "a key larger than the budget is not kept");
        ProvingKeyCache roomy = new ProvingKeyCache(1 << 30);
        var first = roomy.get(V.resolve("mixed.zkey"));
        assertTrue(first == roomy.get(V.resolve("mixed.zkey")), "an unchanged file is not read again");
        roomy.get(V.resolve("multiplier.zkey"));
        assertEquals(2, roomy.size());
    }
}
