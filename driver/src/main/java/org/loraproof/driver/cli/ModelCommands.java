package org.loraproof.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.driver.jobs.ErrorLines;
import org.loraproof.driver.jobs.LoraMergeJob;
import org.loraproof.driver.jobs.ProofVerifier;
import org.loraproof.driver.jobs.Statement;
import org.loraproof.driver.jobs.SyntheticLayer;
import org.loraproof.driver.jobs.UpdateJob;
import org.loraproof.driver.jobs.VerifyReport;
import org.loraproof.driver.jobs.VerifyRun;
import org.loraproof.executors.ProofVerdict;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import org.loraproof.storage.Commitment;
import org.loraproof.storage.Opening;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The model commands: generate, commit, challenge, setup, prove, verify, audit, inspect. */
public final class ModelCommands {
    private ModelCommands() {
    }

    static PrintWriter err(picocli.CommandLine.Model.CommandSpec spec) {
        return spec.commandLine().getErr();
    }

    /** Fixed-point options shared by commit. */
    static final class FormatOptions {
        @Option(names = "--fractional-bits", defaultValue = "16", description = "f: fractional bits (default ${DEFAULT-VALUE})")
        int f;
        @Option(names = "--value-bits", defaultValue = "24", description = "V: value bits (default ${DEFAULT-VALUE})")
        int v;
        @Option(names = "--leaf-size", defaultValue = "16", description = "L: weights per Merkle leaf (default ${DEFAULT-VALUE})")
        int leaf;

        FixedPointParams params() {
            return new FixedPointParams(f, v, leaf);
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Writes a synthetic layer (safetensors and a PEFT adapter).", "",
                "Writes base.safetensors, merged.safetensors and a PEFT adapter/ directory.", "",
                "Example:", "  loraproof generate --out data --dout 768 --din 768 --rank 16"})
    public static final class Generate implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "output directory (path or URI)")
        String out;
        @Option(names = "--statement", defaultValue = "lora-merge",
                description = "lora-merge (base, merged, adapter/), lora-update (adapter/, adapter-after/, gradients) or"
                        + " sgd-update (before, after, gradients); default ${DEFAULT-VALUE}")
        String statement;
        @Option(names = "--learning-rate", defaultValue = "0.01", description = "η for the update statements")
        double learningRate;
        @Mixin
        LayerShapeOptions shape;
        @Option(names = "--alpha", defaultValue = "32", description = "lora_alpha (default ${DEFAULT-VALUE})")
        double alpha;
        @Option(names = "--seed", defaultValue = "1")
        long seed;

        @Override
        public Integer call() throws Exception {
            switch (Statement.Kind.named(statement)) {
                case LORA_MERGE -> SyntheticLayer.write(ArtifactStore.uriOf(out), shape.dOut, shape.dIn, shape.rank, alpha,
                        seed);
                case LORA_UPDATE, SGD_UPDATE -> SyntheticLayer.writeUpdate(ArtifactStore.uriOf(out), statement, shape.dOut,
                        shape.dIn, shape.rank, learningRate, seed);
            }
            return 0;
        }
    }

    @Command(name = "commit", mixinStandardHelpOptions = true,
            description = {"Commits the tensors of a statement (a layer and its adapter, or one training step).", "",
                "lora-merge: the base and merged weights (one tensor of each safetensors file) and the LoRA A "
                    + "and B of a PEFT adapter.",
                "lora-update: an adapter before and after one step, and the gradients.",
                "sgd-update: a weight matrix before and after, and its gradient.", "",
                "lora-merge reads the weight matrices by blocks of rows, one task each (on Spark with --master: "
                    + "each executor reads its own rows by positioned reads), and keeps each block's upper tree levels "
                    + "beside the commitment, so a proof later reads only the positions it opens.", "",
                "Publishes models/<name>/commitment.json (public) and its private opening (the blinds, under "
                    + "models/<name>/openings/). A published model is not changed: an existing name is refused unless "
                    + "--replace is given, and the replaced commitment stays published (its proofs still verify).", "",
                "Examples:",
                "  loraproof commit --model bert-q --base data/base.safetensors \\",
                "      --merged data/merged.safetensors --adapter data/adapter --tensor weight",
                "  loraproof commit --model bert-q-step --statement lora-update \\",
                "      --before step/adapter --after step/adapter-after \\",
                "      --gradients step/gradients.safetensors"})
    public static final class Commit implements Callable<Integer> {
        @Mixin
        StoreOption store;
        @ArgGroup(exclusive = false)
        FormatOptions format = new FormatOptions();
        @Option(names = "--model", required = true, description = "a name for the committed layer")
        String model;
        @Option(names = "--statement", defaultValue = "lora-merge",
                description = "lora-merge, lora-update or sgd-update (default ${DEFAULT-VALUE})")
        String statement;
        @Option(names = "--base", description = "lora-merge: base weights (.safetensors)")
        String base;
        @Option(names = "--merged", description = "lora-merge: merged weights (.safetensors)")
        String merged;
        @Option(names = "--adapter", description = "lora-merge: the PEFT adapter directory")
        String adapter;
        @Option(names = "--before", description = "updates: weights (.safetensors) or adapter directory before the step")
        String before;
        @Option(names = "--after", description = "updates: weights (.safetensors) or adapter directory after the step")
        String after;
        @Option(names = "--gradients", description = "updates: the gradients (.safetensors, same tensor names)")
        String gradients;
        @Option(names = "--tensor", defaultValue = "weight", description = "the layer's tensor in base and merged (default ${DEFAULT-VALUE})")
        String tensor;
        @Option(names = "--layer", description = "the adapter layer (a part of its lora_A name) when it has several")
        String layer;
        @Option(names = "--tolerance", defaultValue = "1", description = "lora-merge: τ, the largest difference in units of "
                + "the last place that proofs of this model may allow and verifiers accept (0 … 65535, default "
                + "${DEFAULT-VALUE})")
        long tau;
        @Option(names = "--replace", description = "publish a new commitment under an existing name (the earlier one "
                + "stays published)")
        boolean replace;
        @Option(names = "--blocks", defaultValue = "0", description = "lora-merge: about how many blocks (tasks) each "
                + "weight matrix is hashed in (default: one per Spark core, or " + LoraMergeJob.LOCAL_BLOCKS
                + " in this JVM)")
        int blocks;
        @Mixin
        SparkOptions spark = new SparkOptions();
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            switch (Statement.Kind.named(statement)) {
                case LORA_MERGE -> new LoraMergeJob(store.open(), err(spec)).onSpark(spark.settings()).withBlocks(blocks)
                        .commit(model, new LoraMergeJob.Sources(
                        ArtifactStore.uriOf(need(base, "--base")), ArtifactStore.uriOf(need(merged, "--merged")),
                        ArtifactStore.uriOf(need(adapter, "--adapter")), tensor, layer, format.params()), tau, replace);
                case LORA_UPDATE, SGD_UPDATE -> new UpdateJob(store.open(), err(spec)).commit(model, new UpdateJob.Sources(
                        statement, ArtifactStore.uriOf(need(before, "--before")), ArtifactStore.uriOf(need(after, "--after")),
                        ArtifactStore.uriOf(need(gradients, "--gradients")), tensor, layer, format.params()), replace);
            }
            return 0;
        }

        private String need(String value, String option) {
            if (value == null) {
                throw new IllegalArgumentException(statement + " needs " + option);
            }
            return value;
        }
    }

    @Command(name = "challenge", mixinStandardHelpOptions = true,
            description = {"Draws a fresh random nonce for auditing a committed model.", "",
                "Draws a fresh random nonce for auditing a committed model and prints it. Proofs for audits must "
                    + "use a nonce chosen after the commitment was published, or the prover could re-roll samples.", "",
                "Example:", "  loraproof challenge --model bert-q"})
    public static final class Challenge implements Callable<Integer> {
        @Mixin
        StoreOption store;
        @Option(names = "--model", required = true)
        String model;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Fr nonce = new LoraMergeJob(store.open(), err(spec)).challenge(model);
            spec.commandLine().getOut().println(nonce);
            return 0;
        }
    }

    @Command(name = "setup", mixinStandardHelpOptions = true,
            description = {"Sets up the circuit for a committed model.", "",
                "Sets up the circuit of a committed model's statement and shape (and, for lora-merge, k samples): "
                    + "a single-party local setup, as the key's metadata says. Writes circuits/<id>/.", "",
                "The circuit is never held whole: one pass counts it, one accumulates the key's secret scalars and "
                    + "writes circuit.r1cs; then the key's points are made in pieces (with --master, as Spark tasks "
                    + "that write their pieces to the store) and joined into pk/circuit.zkey. The pieces' scalars "
                    + "are secret and travel in the tasks: on a shared network, run Spark with "
                    + "spark.authenticate and spark.network.crypto.enabled.", "",
                "Examples:", "  loraproof setup --model bert-q --samples 32",
                "  loraproof setup --model bert-q --detect 0.01:0.99     # k = 459",
                "  loraproof setup --model l --detect 0.01:0.99 --master spark://host:7077"})
    public static final class Setup implements Callable<Integer> {
        @Mixin
        StoreOption store;
        @Option(names = "--model", required = true)
        String model;
        @Mixin
        SampleOptions k = new SampleOptions(); // default k = 32
        @Option(names = "--batch", defaultValue = "0", description = "lora-merge: the samples per witness task the key's "
                + "chunks are cut for, so that distributed proofs with that --batch check their slices (default "
                + LoraMergeJob.DEFAULT_BATCH + ")")
        int batch;
        @Mixin
        SparkOptions spark = new SparkOptions();
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LoraMergeJob job = new LoraMergeJob(store.open(), err(spec)).onSpark(spark.settings()).withBatch(batch);
            Commitment commitment = job.readCommitment(model);
            String id = commitment instanceof Commitment.LoraMerge m ? job.setup(m.shape(k.k(32)))
                    : new UpdateJob(store.open(), err(spec), spark.settings()).setup((Commitment.Update) commitment);
            spec.commandLine().getOut().println(id);
            return 0;
        }
    }

    @Command(name = "prove", mixinStandardHelpOptions = true,
            description = {"Proves a committed model's merge at positions a nonce selects.", "",
                "Proves that a committed model's merged weights equal base + s·B·A at the k positions the nonce "
                    + "selects. Writes proofs/<id>.proof.json.gz and prints its id.", "",
                "For lora-update and sgd-update models, give --learning-rate instead of a nonce.", "",
                "With --master the proof runs as Spark jobs: the samples in batches (--batch), each task reading "
                    + "only the leaves its samples open and computing their witness; then the MSMs, each executor "
                    + "reading its chunk of the proving key from the store; the driver folds the partial sums.", "",
                "Examples:",
                "  loraproof prove --model bert-q --nonce $(loraproof challenge --model bert-q)",
                "  loraproof prove --model bert-q-step --learning-rate 0.01"})
    public static final class Prove implements Callable<Integer> {
        @Mixin
        StoreOption store;
        @Option(names = "--model", required = true)
        String model;
        @Option(names = "--nonce", description = "lora-merge: decimal or 0x-hex, below r")
        String nonce;
        @Option(names = "--learning-rate", description = "updates: the step's learning rate η")
        Double learningRate;
        @Mixin
        ProofOptions proof = new ProofOptions();
        @Mixin
        SparkOptions spark = new SparkOptions();
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LoraMergeJob job = new LoraMergeJob(store.open(), err(spec)).onSpark(spark.settings()).withBatch(proof.batch);
            Commitment commitment = job.readCommitment(model);
            String id;
            if (commitment instanceof Commitment.LoraMerge m) {
                if (nonce == null) {
                    throw new IllegalArgumentException("lora-merge needs --nonce (see loraproof challenge)");
                }
                Integer given = proof.samples.k(null);
                int samples = given != null ? given : job.defaultSamples(model, m);
                id = job.prove(model, LoraMergeJob.parseNonce(nonce), samples, proof.tau);
            } else {
                if (learningRate == null) {
                    throw new IllegalArgumentException(Statement.Kind.of(commitment) + " needs --learning-rate");
                }
                id = new UpdateJob(store.open(), err(spec), spark.settings()).prove(model, learningRate);
            }
            spec.commandLine().getOut().println(id);
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verifies one proof artifact or every proof under a prefix.", "",
                "Verifies one proof artifact, or every *.proof.json.gz under a prefix, against what the store "
                    + "published, never what a proof says of itself: the model's published commitment (which fixes the "
                    + "statement, shape and circuit), that circuit's verification key as its setup recorded it, the "
                    + "published scale and the tolerance; a proof of an unpublished model fails. With --master, as a "
                    + "Spark job "
                    + "(each executor prepares a verification key once). With a prefix, writes report.json and "
                    + "report.md under reports/<UTC time>/ in the store and prints one summary line (-v: a line per "
                    + "proof). A corrupt, truncated or foreign file is a failed entry, not an error of the run.", "",
                "Exit codes, for schedulers: 0 every proof verified, 1 some failed, 2 the run itself could not "
                    + "complete (no proofs, an unreachable store, bad arguments).", "",
                "Examples:",
                "  loraproof verify --store s3a://bucket/lp proofs/bert-q-1234.proof.json.gz",
                "  loraproof verify --store hdfs:///lp proofs/ --master 'local[2]'",
                "  loraproof verify --store hdfs:///lp proofs/ --since reports/<time>/report.json"})
    public static final class Verify implements Callable<Integer> {
        @Mixin
        StoreOption store;
        @Parameters(paramLabel = "<proof or prefix>", description = "relative to the store, or a full URI")
        String target;
        @Option(names = "--report", paramLabel = "<folder>",
                description = "where report.json and report.md go (default: reports/<UTC time>/ in the store)")
        String report;
        @Option(names = "--since", paramLabel = "<report.json>",
                description = "skip proofs that report verified with the same bytes and the same verification key "
                    + "(latest: the newest report under the store's reports/)")
        String since;
        @Option(names = {"-v", "--verbose"}, description = "a line per proof, not only the summary")
        boolean verbose;
        @Option(names = "--tolerance", description = "lora-merge: the largest τ accepted, in units of the last place "
                + "(default: each model's, as committed)")
        Long tolerance;
        @Option(names = "--nonce", description = "lora-merge: the nonce the proofs must use (one you drew, e.g. with "
                + "loraproof challenge)")
        String nonce;
        @Mixin
        SparkOptions spark = new SparkOptions();
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                if (tolerance != null) {
                    LoraMergeJob.tolerance(tolerance);
                }
                if (nonce != null) {
                    LoraMergeJob.parseNonce(nonce);
                }
                return run();
            } catch (Exception e) {
                spec.commandLine().getErr().println("loraproof: " + ErrorLines.describe(e));
                return 2; // the run itself did not complete
            }
        }

        private int run() throws Exception {
            ArtifactStore s = store.open();
            String full = target.contains("://") ? target : s.resolve(target).toString();
            boolean single = target.endsWith(".proof.json.gz");
            List<String> proofs = single ? List.of(full) : s.list(target, ".proof.json.gz");
            if (proofs.isEmpty()) {
                throw new IllegalArgumentException("no *.proof.json.gz under " + full);
            }
            java.util.Set<String> before = since == null ? java.util.Set.of() : verifiedIn(since, s);
            VerifyRun.Result run = VerifyRun.run(s, proofs, before, tolerance,
                    nonce == null ? null : LoraMergeJob.parseNonce(nonce), spark.settings());
            List<ProofVerdict> verdicts = run.verdicts();
            String master = run.master();
            int executors = run.executors();
            double seconds = run.seconds();
            PrintWriter out = spec.commandLine().getOut();
            long failed = verdicts.stream().filter(v -> !v.valid()).count();
            long skipped = verdicts.stream().filter(ProofVerdict::skipped).count();
            if (single || verbose) {
                for (ProofVerdict v : verdicts) {
                    out.println((v.valid() ? (v.skipped() ? "SKIPPED  " : "OK       ") : "INVALID  ") + v.proof()
                            + (v.valid() ? notes(v) : ": " + v.reason()));
                }
            }
            if (!single) {
                VerifyReport r = new VerifyReport(full, java.time.Instant.now(), verdicts, seconds, master, executors, since,
                        null);
                String where = report != null ? ArtifactStore.uriOf(report)
                        : s.resolve("reports/" + r.created().toString().replace(':', '-')).toString();
                r.write(where, s.conf());
                out.printf("%d of %d proofs verified%s, %d failed, in %.1f s; report: %s/report.json%n",
                        proofs.size() - failed, proofs.size(), skipped > 0 ? " (" + skipped + " verified before)" : "",
                        failed, seconds, where);
            }
            return failed == 0 ? 0 : 1;
        }

        /** What a verified proof's line adds: a replaced commitment, a nonce the prover chose. */
        private static String notes(ProofVerdict v) {
            String n = "";
            if (v.commitment() != null && !v.currentCommitment()) {
                n += " (against model " + v.model() + "'s replaced commitment " + v.commitment().substring(0, 12) + ")";
            }
            if (ProofVerdict.NONCE_PROVER.equals(v.nonce())) {
                n += " (nonce chosen by the prover: it shows these positions, not an audit; see --nonce)";
            }
            return n;
        }

        /** The "proof:key" checksums that a report lists as verified. */
        private static java.util.Set<String> verifiedIn(String report, ArtifactStore s) throws java.io.IOException {
            if (report.equals("latest")) {
                // only the reports verify writes (reports/<UTC time>/report.json), sorted: the UTC times order them
                List<String> reports = new java.util.ArrayList<>(s.list("reports", "report.json"));
                reports.removeIf(r -> !r.matches(".*/reports/\\d{4}-\\d{2}-\\d{2}T[0-9.-]+Z/report\\.json"));
                if (reports.isEmpty()) {
                    return java.util.Set.of();
                }
                report = reports.get(reports.size() - 1);
            }
            String uri = report.contains("://") || report.startsWith("/") ? ArtifactStore.uriOf(report) : s.resolve(report).toString();
            JsonNode doc = Artifacts.parse(org.loraproof.storage.ArtifactStore.readUri(uri, s.conf()), uri, Artifacts.REPORT);
            java.util.Set<String> out = new java.util.HashSet<>();
            for (JsonNode r : doc.path("results")) {
                if (r.path("valid").asBoolean() && r.hasNonNull("sha256") && r.hasNonNull("verificationKeySha256")) {
                    out.add(r.get("sha256").asText() + ":" + r.get("verificationKeySha256").asText());
                }
            }
            return out;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = {"Audits a committed model: a fresh nonce, a proof at the positions it selects, its check.", "",
                "Draws a fresh nonce (as loraproof challenge does), proves the model's merge at the k positions it "
                    + "selects (on --master, if given), verifies the proof and writes a report (report.json and "
                    + "report.md under reports/<UTC time>/, or --report) that records the audit: nonce, when it was "
                    + "drawn, k, detection probabilities, result.", "",
                "A nonce given with --nonce must be one that loraproof challenge drew after the model's commitment "
                    + "was written; an older one is refused, because positions follow from the commitments and the "
                    + "nonce: whoever knew the nonce before committing could have chosen weights that pass at exactly "
                    + "those positions. Both times are the store's clock (the files' modification times).", "",
                "Exit codes: 0 the proof verified, 1 it did not, 2 the audit could not run.", "",
                "Examples:",
                "  loraproof audit --model bert-q",
                "  loraproof audit --store hdfs:///lp --model bert-q --master spark://host:7077"})
    public static final class Audit implements Callable<Integer> {
        @Mixin
        StoreOption store;
        @Option(names = "--model", required = true)
        String model;
        @Option(names = "--nonce", description = "a nonce from loraproof challenge (default: draw a fresh one)")
        String nonce;
        @Mixin
        ProofOptions proof = new ProofOptions();
        @Option(names = "--report", paramLabel = "<folder>",
                description = "where report.json and report.md go (default: reports/<UTC time>/ in the store)")
        String report;
        @Mixin
        SparkOptions spark = new SparkOptions();
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                return run();
            } catch (Exception e) {
                spec.commandLine().getErr().println("loraproof: " + ErrorLines.describe(e));
                return 2;
            }
        }

        private int run() throws Exception {
            ArtifactStore s = store.open();
            long t0 = System.nanoTime();
            LoraMergeJob job = new LoraMergeJob(s, err(spec)).onSpark(spark.settings()).withBatch(proof.batch);
            Commitment commitment = job.readCommitment(model);
            if (!(commitment instanceof Commitment.LoraMerge m)) {
                throw new IllegalArgumentException("model " + model + " is a " + Statement.Kind.of(commitment) + " statement, "
                        + "which proves every position (no sampling to audit): use loraproof prove and verify");
            }
            Integer given = proof.samples.k(null);
            int k = given != null ? given : job.defaultSamples(model, m);
            LoraMergeJob.AuditNonce n = job.auditNonce(model, nonce);
            String id = job.prove(model, n.nonce(), k, proof.tau);
            ProofVerdict v = new ProofVerifier(s, proof.tau, n.nonce()).verify(s.resolve(Artifacts.proofPath(id)).toString());
            VerifyReport.Audit audit = new VerifyReport.Audit(model, n, k, v.valid());
            VerifyReport r = new VerifyReport(v.proof(), Instant.now(), List.of(v), (System.nanoTime() - t0) / 1e9,
                    spark.distributed() ? spark.settings().master() : null, 1, null, audit);
            String where = report != null ? ArtifactStore.uriOf(report)
                    : s.resolve("reports/" + r.created().toString().replace(':', '-')).toString();
            r.write(where, s.conf());
            spec.commandLine().getOut().printf(java.util.Locale.ROOT,
                    "audit of %s %s: k = %d positions (catch 1 %% wrong weights with probability %.4f), proof %s%s; "
                            + "report: %s/report.json%n", model, v.valid() ? "verified" : "FAILED", k,
                    audit.detection(0.01), id, v.valid() ? "" : " (" + v.reason() + ")", where);
            return v.valid() ? 0 : 1;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = {"Prints an artifact in readable form.", "",
                "Prints an artifact in readable form: a proof (.proof.json.gz), a model's commitment.json, a "
                    + "circuit's setup.json or a verification key. Of a private opening, only what it is and how many "
                    + "blinds it holds.", "",
                "Example:",
                "  loraproof inspect loraproof-store/proofs/bert-q-1234.proof.json.gz"})
    public static final class Inspect implements Callable<Integer> {
        @Parameters(paramLabel = "<artifact>", description = "a path or URI")
        String artifact;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            byte[] raw = ArtifactStore.readUri(ArtifactStore.uriOf(artifact), org.loraproof.storage.HadoopConf.create());
            if (artifact.endsWith(".gz")) {
                raw = Artifacts.gunzip(raw, artifact);
            }
            PrintWriter out = spec.commandLine().getOut();
            JsonNode n;
            try {
                n = Artifacts.JSON.readTree(raw);
            } catch (java.io.IOException e) {
                n = null;
            }
            String format = n == null ? "" : n.path("format").asText("");
            if (format.equals(Artifacts.OPENING) || artifact.endsWith(".bin")) {
                // private: say what it is, never the blinds (nor, through a parser's message, any of its bytes)
                Opening o = Opening.read(raw, artifact);
                out.printf("opening of model %s, commitment %s: %d blinds (private; their values are not shown)%n",
                        o.model(), o.commitment(), o.blinds().size());
                return 0;
            }
            if (n == null) {
                Artifacts.parse(raw, artifact, Artifacts.PROOF); // the parser's message names the problem
            }
            if (format.equals(Artifacts.PROOF)) {
                Artifacts.parse(raw, artifact, Artifacts.PROOF);
                JsonNode m = n.path("metadata");
                out.printf("proof %s: %s, circuit %s%n", n.path("id").asText(), n.path("statement").asText(),
                        n.path("verificationKey").path("id").asText());
                out.printf("  model %s (commitment %s), nonce %s, %d samples, tolerance %s%n", m.path("model").asText("?"),
                        m.path("commitment").asText("current"), m.path("nonce").asText("-"), m.path("samples").asInt(),
                        m.path("tolerance").asText("-"));
                out.println("  (as the proof states it; loraproof verify checks it against what the store published)");
                out.printf("  catches 1%% wrong weights with probability %.4f, 0.1%% with %.4f%n",
                        m.path("detectionProbability").path("epsilon=1%").asDouble(),
                        m.path("detectionProbability").path("epsilon=0.1%").asDouble());
                out.printf("  %d constraints, %d witness values, proved in %.1f s, peak heap %d MiB%n",
                        m.path("constraints").asLong(), m.path("witnessSize").asLong(),
                        m.path("secondsPerPhase").path("total").asDouble(), m.path("peakHeapBytes").asLong() >> 20);
                out.println("  public inputs:");
                for (int i = 0; i < n.path("publicSignals").size(); i++) {
                    out.printf("    %-7s %s%n", n.path("publicInputs").path(i).asText(), n.path("publicSignals").path(i).asText());
                }
            } else {
                if (format.equals(Artifacts.COMMITMENT)) {
                    Commitment.read(raw, artifact); // its format, version and fields checked
                }
                out.println(Artifacts.JSON.writeValueAsString(n));
            }
            return 0;
        }
    }
}
