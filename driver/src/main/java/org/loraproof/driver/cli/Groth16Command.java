package org.loraproof.driver.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.loraproof.circuit.WarmUp;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.groth16.Groth16Prover;
import org.loraproof.circuit.groth16.Groth16Setup;
import org.loraproof.circuit.groth16.Groth16Verifier;
import org.loraproof.circuit.groth16.Proof;
import org.loraproof.circuit.groth16.ProvingKey;
import org.loraproof.circuit.groth16.SnarkjsJson;
import org.loraproof.circuit.groth16.VerificationKey;
import org.loraproof.circuit.groth16.ZkeyFile;
import org.loraproof.circuit.r1cs.MockProver;
import org.loraproof.circuit.r1cs.R1cs;
import org.loraproof.circuit.r1cs.R1csFile;
import org.loraproof.driver.jobs.Prover;
import org.loraproof.driver.resident.ResidentProver;
import org.loraproof.driver.resident.ResidentProverClient;
import org.loraproof.storage.Location;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loraproof groth16 …}: snarkjs- and rapidsnark-compatible Groth16 on any circom circuit. */
@Command(name = "groth16", mixinStandardHelpOptions = true,
        description = "Groth16 over BN254 with snarkjs files: prove, verify, setup, export-vk, calldata, index, serve.",
        subcommands = {Groth16Command.Prove.class, Groth16Command.Verify.class, Groth16Command.Setup.class,
                Groth16Command.ExportVk.class, Groth16Command.Calldata.class, Groth16Command.Index.class,
                Groth16Command.Serve.class})
public final class Groth16Command implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "prove", mixinStandardHelpOptions = true,
            description = {"Proves with a snarkjs .zkey and .wtns (rapidsnark's argument order).",
                "The proof is checked against the key before it is written; with --r1cs the witness is first "
                    + "checked constraint by constraint and the first failing one is named.", "",
                "Example:",
                "  loraproof groth16 prove circuit.zkey witness.wtns proof.json public.json"})
    public static final class Prove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<circuit.zkey>", converter = LocationConverter.class,
                description = "the proving key (a snarkjs Groth16 .zkey)")
        Location zkey;
        @Parameters(index = "1", paramLabel = "<witness.wtns>", converter = LocationConverter.class,
                description = "the witness (an iden3 .wtns, as circom's witness generators write it)")
        Location wtns;
        @Parameters(index = "2", paramLabel = "<proof.json>", converter = LocationConverter.class,
                description = "where to write the proof (snarkjs JSON)")
        Location proofOut;
        @Parameters(index = "3", paramLabel = "<public.json>", converter = LocationConverter.class,
                description = "where to write the public signals (snarkjs JSON)")
        Location publicOut;
        @Option(names = "--r1cs", paramLabel = "<circuit.r1cs>", converter = LocationConverter.class,
                description = "check the witness against this R1CS first")
        Location r1csPath;
        @Option(names = {"-v", "--verbose"}, description = "print each phase as it starts, and the timings, to standard error")
        boolean verbose;
        @picocli.CommandLine.Mixin
        SparkOptions spark = new SparkOptions();
        @Option(names = "--partitions", paramLabel = "<n>", description = "with --master: MSM tasks (default: Spark's "
                + "parallelism), each checking what it reads against the key's chunk index (<key>.index.json) if any; "
                + "an index without its sections' checksums (an older one) gives one task per chunk")
        int partitions;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        /** Where the key comes from: its file, or a resident prover's cache. */
        private ResidentProver.KeySource keys = ZkeyFile::read;
        /** Whether a resident prover runs this (said with the timings). */
        private boolean resident;

        /**
         * Runs {@code groth16 prove} with the arguments after it, parsed by picocli over this command
         * alone: its model is a small part of the whole command line's, whose set-up is most of a cold
         * start. Returns the exit code.
         */
        public static int run(String[] args, PrintWriter out, PrintWriter err) {
            CommandLine cli = new CommandLine(new Prove()).setCommandName("loraproof groth16 prove");
            cli.setOut(out);
            cli.setErr(err);
            return Commands.execute(cli, args, err);
        }

        /**
         * A resident prover's request ({@code groth16 prove …}): parsed as {@link #run} parses it, its
         * relative paths taken from cwd and its key from keys. Returns null when the request needs a
         * JVM of its own (help, a usage error, Spark, a storage URI): the client then runs it.
         */
        public static Integer serve(String[] args, PrintWriter err, Path cwd, ResidentProver.KeySource keys) {
            if (args.length < 2 || !args[0].equals("groth16") || !args[1].equals("prove")) {
                return null;
            }
            String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
            for (String a : rest) {
                if (a.startsWith("@")) {
                    return null; // an argument file, which only the client's own folder has
                }
            }
            Prove p = new Prove();
            CommandLine cli = new CommandLine(p).setCommandName("loraproof groth16 prove").setExpandAtFiles(false);
            cli.setOut(err);
            cli.setErr(err);
            try {
                CommandLine.ParseResult parsed = cli.parseArgs(rest);
                if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
                    return null;
                }
            } catch (CommandLine.PicocliException e) {
                return null;
            }
            Location[] files = {p.zkey, p.wtns, p.proofOut, p.publicOut, p.r1csPath};
            for (Location f : files) {
                if (f != null && !f.isLocal()) {
                    return null; // read through Hadoop, which the resident prover does not load
                }
            }
            if (p.spark.distributed() || p.partitions != 0) {
                return null;
            }
            try {
                p.zkey = Location.of(cwd.resolve(p.zkey.path()));
                p.wtns = Location.of(cwd.resolve(p.wtns.path()));
                p.proofOut = Location.of(cwd.resolve(p.proofOut.path()));
                p.publicOut = Location.of(cwd.resolve(p.publicOut.path()));
                p.r1csPath = p.r1csPath == null ? null : Location.of(cwd.resolve(p.r1csPath.path()));
            } catch (InvalidPathException e) {
                return null;
            }
            p.keys = keys;
            p.resident = true;
            try {
                return p.call();
            } catch (Exception e) {
                return Commands.failure(e, err);
            }
        }

        @Override
        public Integer call() throws Exception {
            CliFiles.inputs(Location.localPaths(zkey, wtns, r1csPath));
            CliFiles.outputs(Location.localPaths(proofOut, publicOut));
            long t0 = System.nanoTime();
            WarmUp.startAsync();
            PrintWriter err = spec.commandLine().getErr();
            if (partitions != 0 && !spark.distributed()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--partitions needs --master");
            }
            if (partitions < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--partitions must be 1 or more");
            }
            // on Spark, and for keys of 2^20 constraints and more (400 MB and up, seconds to prove with), each phase
            boolean progress = verbose || spark.distributed() || zkey.size() >= 400L << 20;
            java.util.function.Consumer<String> phases = phase -> {
                if (progress) {
                    err.printf("  %6.1f s  %s%n", (System.nanoTime() - t0) / 1e9, phase);
                }
            };
            if (!spark.distributed()) {
                phases.accept("reading " + zkey + " and " + wtns);
            }
            // locally the witness is read here (checked against the R1CS when given); on Spark executors read it
            long[] z = spark.distributed() && r1csPath == null ? null : Prover.values(null, wtns);
            if (r1csPath != null) {
                MockProver.assertSatisfied(r1cs(r1csPath), z);
            }
            java.security.SecureRandom rng = Groth16Prover.blindingRandom();
            Prover.Proved proved;
            if (spark.distributed()) {
                org.apache.spark.api.java.JavaSparkContext sc = org.loraproof.driver.spark.SparkRuntime.start(spark.master,
                        spark.conf, "loraproof groth16 prove");
                try {
                    phases.accept("Spark " + sc.master() + ": reading the key's header and the witness");
                    proved = Prover.spark(sc, partitions).prove(zkey, null, wtns, Fr.random(rng), Fr.random(rng), phases);
                } finally {
                    sc.stop();
                }
            } else {
                proved = Prover.local(l -> l.isLocal() ? keys.get(l.path()) : Prover.readKey(l))
                        .prove(zkey, z, wtns, Fr.random(rng), Fr.random(rng), phases);
            }
            long t2 = System.nanoTime();
            // the JSON is made while the proof is checked (on a cold start each takes about 0.1 s)
            CompletableFuture<byte[][]> json = CompletableFuture.supplyAsync(() -> new byte[][] {
                jsonBytes(SnarkjsJson.proof(proved.proof())), jsonBytes(SnarkjsJson.publicSignals(proved.publicSignals()))});
            if (!Groth16Verifier.verify(proved.verificationKey(), proved.publicSignals(), proved.proof()).valid()) {
                throw new IllegalArgumentException("the witness does not satisfy the circuit of " + zkey
                        + " (the proof does not verify); pass --r1cs <circuit.r1cs> to name the failing constraint");
            }
            byte[][] out = json.join();
            proofOut.write(out[0]);
            publicOut.write(out[1]);
            var st = proved.stats();
            if (st != null) {
                err.printf("proved on %d partitions, %d executor(s) in %.1f s: read %.1f s, quotient %.1f s, MSM stage %.1f s"
                        + " (tasks %.1f s in all), fold %.2f s; driver peak heap %d MiB%n", st.partitions(), st.executors(),
                        (System.nanoTime() - t0) / 1e9, st.readNanos() / 1e9, st.quotientNanos() / 1e9,
                        st.stageNanos() / 1e9, st.taskNanos() / 1e9, st.foldNanos() / 1e9, st.driverPeakHeap() >> 20);
            } else if (verbose) {
                var sec = proved.secondsPerPhase();
                err.printf("read %.0f ms, witness %.0f ms, fft %.0f ms, msm %.0f ms, check %.0f ms%s%n",
                        1e3 * sec.get("readKey"), 1e3 * sec.get("evaluateAB"), 1e3 * sec.get("fft"), 1e3 * sec.get("msm"),
                        (System.nanoTime() - t2) / 1e6, resident ? " (in the resident prover)" : "");
            }
            return 0;
        }
    }

    /** Writes the chunk index of a key beside it. */
    static org.loraproof.storage.KeyChunks writeIndex(Location key, int chunks) throws java.io.IOException {
        if (chunks < 1) {
            throw new IllegalArgumentException("--chunks must be 1 or more");
        }
        return org.loraproof.storage.KeyChunks.writeIndex(key.uri(), org.loraproof.storage.HadoopConf.create(), chunks);
    }

    @Command(name = "index", mixinStandardHelpOptions = true,
            description = {"Writes the chunk index of a .zkey (<circuit.zkey>.index.json) for distributed proofs.",
                "Each chunk is a range of variables (A, B and C points) and a range of the domain (H points), with "
                    + "the SHA-256 of its bytes and of each of the five; under `groth16 prove --master` each "
                    + "executor checks the chunks' sections it reads. A key from snarkjs needs no conversion: it is "
                    + "read in place.", "",
                "Example:", "  loraproof groth16 index circuit.zkey --chunks 16"})
    static final class Index implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<circuit.zkey>", converter = LocationConverter.class,
                description = "the proving key")
        Location zkey;
        @Option(names = "--chunks", paramLabel = "<n>", description = "how many chunks (default: one per 2^16 positions "
                + "of the domain)")
        int chunks;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            CliFiles.inputs(Location.localPaths(zkey));
            int n = chunks;
            if (n == 0) {
                try (var f = zkey.isLocal() ? org.loraproof.circuit.r1cs.SectionedFile.open(zkey.path(), "zkey")
                        : org.loraproof.circuit.r1cs.SectionedFile.open(zkey.source(), zkey.toString(), "zkey")) {
                    n = org.loraproof.storage.KeyChunks.defaultChunks(ZkeyFile.counts(f)[2]);
                }
            }
            var index = writeIndex(zkey, n);
            spec.commandLine().getOut().printf("%s: %d chunks%n", org.loraproof.storage.KeyChunks.indexOf(zkey.toString()),
                    index.chunks().size());
            return 0;
        }
    }

    /** An iden3 R1CS file, local or through Hadoop. */
    private static R1cs r1cs(Location l) throws java.io.IOException {
        return (l.isLocal() ? R1csFile.read(l.path()) : R1csFile.read(l.read(), l.toString())).r1cs();
    }

    /** A snarkjs JSON file, local or through Hadoop. */
    private static com.fasterxml.jackson.databind.JsonNode json(Location l) throws java.io.IOException {
        return l.isLocal() ? SnarkjsJson.read(l.path()) : SnarkjsJson.read(l.read(), l.toString());
    }

    private static byte[] jsonBytes(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return SnarkjsJson.JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verifies a proof (snarkjs's argument order).", "",
                "Prints OK and exits 0 when the proof is valid; prints the reason and exits 1 otherwise.", "",
                "Example:",
                "  loraproof groth16 verify verification_key.json public.json proof.json"})
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<verification_key.json>", converter = LocationConverter.class,
                description = "the verification key (snarkjs JSON)")
        Location vkPath;
        @Parameters(index = "1", paramLabel = "<public.json>", converter = LocationConverter.class,
                description = "the public signals (snarkjs JSON)")
        Location publicPath;
        @Parameters(index = "2", paramLabel = "<proof.json>", converter = LocationConverter.class,
                description = "the proof (snarkjs JSON)")
        Location proofPath;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            CliFiles.inputs(Location.localPaths(vkPath, publicPath, proofPath));
            VerificationKey vk = SnarkjsJson.readVerificationKey(json(vkPath), vkPath.toString());
            List<Fr> pub = SnarkjsJson.readPublicSignals(json(publicPath), publicPath.toString());
            Proof proof = SnarkjsJson.readProof(json(proofPath), proofPath.toString());
            Groth16Verifier.Result r = Groth16Verifier.verify(vk, pub, proof);
            if (r.valid()) {
                spec.commandLine().getOut().println("OK");
                return 0;
            }
            spec.commandLine().getErr().println("INVALID: " + r.reason());
            return 1;
        }
    }

    @Command(name = "calldata", mixinStandardHelpOptions = true,
            description = {"Prints a proof and its public signals as Solidity calldata.", "",
                "The line snarkjs zkey export soliditycalldata prints: A, B and C as 32-byte hex words in "
                    + "EIP-197 order (B's imaginary parts first), then the public signals, as a Solidity "
                    + "Groth16 verifier takes them. With --eip197 the proof's 256 bytes (A, B, C) are also "
                    + "written to a file, as the pairing precompile reads them.", "",
                "Example:", "  loraproof groth16 calldata public.json proof.json"})
    static final class Calldata implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<public.json>", converter = LocationConverter.class,
                description = "the public signals (snarkjs JSON)")
        Location publicPath;
        @Parameters(index = "1", paramLabel = "<proof.json>", converter = LocationConverter.class,
                description = "the proof (snarkjs JSON)")
        Location proofPath;
        @Option(names = "--eip197", paramLabel = "<proof.bin>", converter = LocationConverter.class,
                description = "also write the proof's EIP-197 bytes here")
        Location bytesOut;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            CliFiles.inputs(Location.localPaths(publicPath, proofPath));
            CliFiles.outputs(Location.localPaths(bytesOut));
            List<Fr> pub = SnarkjsJson.readPublicSignals(json(publicPath), publicPath.toString());
            Proof proof = SnarkjsJson.readProof(json(proofPath), proofPath.toString());
            if (bytesOut != null) {
                bytesOut.write(proof.toEip197());
            }
            spec.commandLine().getOut().println(SnarkjsJson.solidityCalldata(proof, pub));
            return 0;
        }
    }

    @Command(name = "setup", mixinStandardHelpOptions = true,
            description = {"Single-party local setup for an R1CS, written as a snarkjs .zkey.",
                "Whoever runs it could forge proofs; for production, run a ceremony with snarkjs and use its "
                    + "key.", "",
                "Beside the key it writes its chunk index (<circuit.zkey>.index.json: each chunk's variable and "
                    + "domain ranges and SHA-256s), against which `groth16 prove --master`'s executors check what "
                    + "they read.", "",
                "Example:", "  loraproof groth16 setup circuit.r1cs circuit.zkey"})
    static final class Setup implements Callable<Integer> {
        @Option(names = "--chunks", paramLabel = "<n>", description = "chunks of the index (default: one per 2^16 "
                + "positions of the domain)")
        int chunks;
        @Parameters(index = "0", paramLabel = "<circuit.r1cs>", converter = LocationConverter.class,
                description = "the circuit (an iden3 .r1cs)")
        Location r1csPath;
        @Parameters(index = "1", paramLabel = "<circuit.zkey>", converter = LocationConverter.class,
                description = "where to write the proving key")
        Location zkeyOut;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            CliFiles.inputs(Location.localPaths(r1csPath));
            CliFiles.outputs(Location.localPaths(zkeyOut));
            R1cs r1cs = r1cs(r1csPath);
            spec.commandLine().getErr().printf("setting up %d constraints, %d variables (%s)…%n", r1cs.numConstraints(),
                    r1cs.numVariables(), Groth16Setup.SETUP_KIND);
            long t0 = System.nanoTime();
            ProvingKey pk = Groth16Setup.generate(r1cs, Groth16Setup.drbg(),
                    phase -> spec.commandLine().getErr().printf("  %6.1f s  %s%n", (System.nanoTime() - t0) / 1e9, phase));
            zkeyOut.write(out -> ZkeyFile.write(pk, out));
            writeIndex(zkeyOut, chunks > 0 ? chunks : org.loraproof.storage.KeyChunks.defaultChunks(pk.domainSize()));
            return 0;
        }
    }

    @Command(name = "export-vk", mixinStandardHelpOptions = true,
            description = {"Writes the verification key of a .zkey as snarkjs JSON.", "",
                "Example:", "  loraproof groth16 export-vk circuit.zkey verification_key.json"})
    static final class ExportVk implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<circuit.zkey>", converter = LocationConverter.class,
                description = "the proving key")
        Location zkey;
        @Parameters(index = "1", paramLabel = "<verification_key.json>", converter = LocationConverter.class,
                description = "where to write the verification key")
        Location vkOut;

        @Override
        public Integer call() throws Exception {
            CliFiles.inputs(Location.localPaths(zkey));
            CliFiles.outputs(Location.localPaths(vkOut));
            VerificationKey vk = Prover.readKey(zkey).verificationKey();
            vkOut.write(SnarkjsJson.JSON.writeValueAsBytes(SnarkjsJson.verificationKey(vk)));
            return 0;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Runs a resident prover that `groth16 prove` hands its work to.",
                "It keeps the compiled kernels and the keys it has read in memory, so a proof no longer pays for "
                    + "a JVM start, the JIT's warm-up and reading the key. While it runs, bin/loraproof sends "
                    + "`groth16 prove` to it over a Unix socket only this user can open, and proves in its own JVM "
                    + "when none answers. Proofs run one at a time.", "",
                "Examples:", "  loraproof groth16 serve &", "  loraproof groth16 serve --status",
                "  loraproof groth16 serve --stop"})
    static final class Serve implements Callable<Integer> {
        @Option(names = "--socket", paramLabel = "<path>", description = "the socket (default: "
                + "$LORAPROOF_PROVER_SOCKET, else prover.sock in $XDG_RUNTIME_DIR/loraproof or ~/.cache/loraproof)")
        Path socket;
        @Option(names = "--idle-minutes", paramLabel = "<n>", defaultValue = "60",
                description = "stop after this many minutes without a request; 0: never (default: ${DEFAULT-VALUE})")
        long idleMinutes;
        @Option(names = "--stop", description = "stop the resident prover that listens on the socket")
        boolean stop;
        @Option(names = "--status", description = "say whether a resident prover listens on the socket, and how it is")
        boolean status;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path sock = socket != null ? socket : ResidentProver.defaultSocket();
            PrintWriter err = spec.commandLine().getErr();
            if (idleMinutes < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--idle-minutes must be 0 or more");
            }
            if (stop || status) {
                int code = ResidentProverClient.run(sock, Path.of("").toAbsolutePath(),
                        new String[] {stop ? ResidentProver.STOP : ResidentProver.STATUS}, System.out, System.err);
                if (code == ResidentProverClient.NOT_SERVED) {
                    err.println("loraproof: no resident prover answers at " + sock);
                    return 1;
                }
                if (stop && code == 0) {
                    err.println("stopped the resident prover at " + sock);
                }
                return code;
            }
            long idleMillis = Math.min(idleMinutes, Long.MAX_VALUE / 60_000) * 60_000;
            ResidentProver prover = new ResidentProver(sock, idleMillis, Runtime.getRuntime().maxMemory() / 4, err,
                    Prove::serve);
            prover.start();
            Runtime.getRuntime().addShutdownHook(new Thread(prover::close));
            err.printf("resident prover on %s (pid %d): warming up…%n", sock.toAbsolutePath(), ProcessHandle.current().pid());
            long t0 = System.nanoTime();
            prover.warmUp();
            err.printf("ready after %.1f s; bin/loraproof groth16 prove now runs here. Stop with Ctrl-C or"
                    + " `loraproof groth16 serve --stop`%s.%n", (System.nanoTime() - t0) / 1e9,
                    idleMinutes > 0 ? "; it stops by itself after " + idleMinutes + " idle minutes" : "");
            prover.awaitStop();
            return 0;
        }
    }
}
