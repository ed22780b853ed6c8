package org.loraproof.driver.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.groth16.Groth16Prover;
import org.loraproof.circuit.groth16.Proof;
import org.loraproof.circuit.groth16.ProvingKey;
import org.loraproof.circuit.groth16.ZkeyFile;
import org.loraproof.circuit.r1cs.WtnsFile;
import org.loraproof.driver.jobs.BenchMachine;
import org.loraproof.driver.spark.SparkGroth16;
import org.loraproof.driver.spark.SparkRuntime;
import org.loraproof.executors.Heap;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code loraproof bench groth16}: one key and witness proved serially and as Spark jobs at
 * several partition counts, with each partition's task time, and the fold model computed from
 * them: N executors each take one of N partitions, so a proof takes the driver's read, each
 * stage's slowest task (the quotient's four and the MSMs), the fold, and what the cluster's
 * network and task launches cost; against the one-partition run that gives the parallel efficiency.
 */
@Command(name = "groth16", mixinStandardHelpOptions = true,
        description = {"Times a Groth16 proof of a snarkjs key and witness serially and on Spark.", "",
            "Each Spark master proves at each partition count, and the proof time on N executors is modelled from the "
                + "tasks' times (format loraproof-bench). Tasks run one at a time under local[1], each with all of this "
                + "machine's cores, as one executor would.", "",
            "Example:",
            "  loraproof bench groth16 c.zkey c.wtns --partitions 1,2,4,8,16"})
final class Groth16Bench implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<circuit.zkey>")
    Path zkey;
    @Parameters(index = "1", paramLabel = "<witness.wtns>")
    Path wtns;
    @Option(names = "--masters", split = ",(?![^\\[]*\\])", splitSynopsisLabel = ",", defaultValue = "serial,local[1]",
            description = "serial (this JVM, no Spark), snarkjs (its CLI, on the same files) and Spark masters to run "
                + "(default ${DEFAULT-VALUE})")
    List<String> masters;
    @Option(names = "--partitions", split = ",", defaultValue = "1,2,4,8,16,32,64",
            description = "partition counts for each Spark master (default ${DEFAULT-VALUE})")
    List<Integer> partitions;
    @Option(names = "--conf", paramLabel = "<key=value>", description = "a Spark setting (repeatable)")
    List<String> conf = new ArrayList<>();
    @Option(names = "--snarkjs", paramLabel = "<command>",
            description = "the snarkjs CLI for the snarkjs master (default: the one bin/test installs in tools/)")
    String snarkjs;
    @Option(names = "--out", defaultValue = "loraproof-bench/groth16.json", description = "results file (default ${DEFAULT-VALUE})")
    String out;
    @Option(names = "--bandwidth-gbit", defaultValue = "10", description = "the fold model's network: the driver's link "
            + "in Gbit/s (default ${DEFAULT-VALUE})")
    double bandwidthGbit;
    @Option(names = "--repeats", defaultValue = "1", description = "proofs at each partition count; the fold model takes "
            + "each task's median over them (default ${DEFAULT-VALUE})")
    int repeats;
    @Option(names = "--task-latency-ms", defaultValue = "10", description = "the fold model's cost of launching a task "
            + "and collecting its result, in ms (default ${DEFAULT-VALUE})")
    double taskLatencyMs;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        ObjectNode doc = BenchMachine.document("groth16");
        doc.put("key", zkey.toString());
        ArrayNode model = doc.putArray("foldModel");
        ArrayNode runs = doc.putArray("runs");
        Fr r = Fr.random(new java.security.SecureRandom()), s = Fr.random(new java.security.SecureRandom());
        Proof serial = null;
        o.printf("%-28s %5s %8s %8s %8s %8s %8s %9s%n", "master", "parts", "read s", "fft s", "msm s", "fold s", "total s",
                "heap MiB");
        for (String master : masters) {
            if (master.equals("snarkjs")) {
                runSnarkjs(runs.addObject(), o);
                continue;
            }
            if (master.equals("serial")) {
                BenchMachine.resetPeaks();
                long t0 = System.nanoTime();
                ProvingKey pk = ZkeyFile.read(zkey);
                long[] z = WtnsFile.read(wtns);
                long t1 = System.nanoTime();
                long[] t = new long[3];
                Proof p = Groth16Prover.prove(pk, z, r, s, t, phase -> { });
                long t2 = System.nanoTime();
                serial = p;
                ObjectNode j = runs.addObject();
                j.put("master", "serial");
                j.put("numVariables", pk.numVariables());
                j.put("domainSize", pk.domainSize());
                j.put("readSeconds", (t1 - t0) / 1e9);
                j.put("quotientSeconds", (t[0] + t[1]) / 1e9);
                j.put("msmSeconds", t[2] / 1e9);
                j.put("proveSeconds", (t2 - t1) / 1e9);
                j.put("totalSeconds", (t2 - t0) / 1e9);
                j.put("driverPeakHeapBytes", Heap.peak());
                j.put("peakRssBytes", BenchMachine.peakRssBytes());
                o.printf("%-28s %5s %8.2f %8.2f %8.2f %8s %8.2f %9d%n", "serial", "-", (t1 - t0) / 1e9,
                        (t[0] + t[1]) / 1e9, t[2] / 1e9, "-", (t2 - t0) / 1e9, Heap.peak() >> 20);
                continue;
            }
            try (JavaSparkContext sc = SparkRuntime.start(master, conf, "loraproof bench groth16")) {
                String key = zkey.toAbsolutePath().toUri().toString(), w = wtns.toAbsolutePath().toUri().toString();
                SparkGroth16.proveInPartitions(sc, key, w, 2, r, s, phase -> { }); // executors start, kernels compile
                List<ObjectNode> measured = new ArrayList<>();
                if (repeats < 1) {
                    throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
                }
                for (int rep = 0; rep < repeats; rep++) for (int n : partitions) {
                    BenchMachine.resetPeaks(); // each run's driver peaks its own
                    SparkGroth16.Result res = SparkGroth16.proveInPartitions(sc, key, w, n, r, s, phase -> { });
                    if (serial != null && !res.proof().equals(serial)) {
                        throw new IllegalStateException(master + ", " + n + " partitions: not the serial proof");
                    }
                    ObjectNode j = runs.addObject();
                    SparkGroth16.Stats st = res.stats();
                    j.put("master", master);
                    j.put("repeat", rep);
                    j.put("partitions", st.partitions());
                    j.put("executors", st.executors());
                    j.put("numVariables", res.header().numVariables());
                    j.put("domainSize", res.header().domainSize());
                    j.put("readSeconds", st.readNanos() / 1e9);
                    j.put("quotientSeconds", st.quotientNanos() / 1e9);
                    j.put("stageSeconds", st.stageNanos() / 1e9);
                    j.put("taskSecondsSummed", st.taskNanos() / 1e9);
                    j.put("foldSeconds", st.foldNanos() / 1e9);
                    double total = (st.readNanos() + st.quotientNanos() + st.stageNanos() + st.foldNanos()) / 1e9;
                    j.put("totalSeconds", total);
                    j.put("driverPeakHeapBytes", st.driverPeakHeap());
                    j.put("driverPeakRssBytes", BenchMachine.peakRssBytes());
                    ObjectNode heaps = j.putObject("executorPeakHeapBytes");
                    st.executorPeakHeap().forEach(heaps::put);
                    j.put("driverBytes", st.driverBytes());
                    ArrayNode stages = j.putArray("stages");
                    for (SparkGroth16.Stage g : st.stages()) {
                        ObjectNode gj = stages.addObject();
                        gj.put("name", g.name());
                        gj.put("tasks", g.tasks());
                        gj.put("slowestTaskSeconds", g.slowestNanos() / 1e9);
                        gj.put("taskSecondsSummed", g.taskNanos() / 1e9);
                        gj.put("bytes", g.bytes());
                        gj.put("receivers", g.receivers());
                        ArrayNode each = gj.putArray("taskSeconds"), gc = gj.putArray("gcSeconds");
                        for (int i = 0; i < g.eachNanos().length; i++) {
                            each.add(g.eachNanos()[i] / 1e9);
                            gc.add(g.eachGcNanos()[i] / 1e9);
                        }
                    }
                    ArrayNode tasks = j.putArray("tasks");
                    for (SparkGroth16.Task t : st.tasks()) {
                        ObjectNode tj = tasks.addObject();
                        tj.put("partition", t.partition());
                        tj.put("executor", t.executor());
                        tj.put("readSeconds", t.readNanos() / 1e9);
                        tj.put("msmSeconds", t.msmNanos() / 1e9);
                    }
                    measured.add(j);
                    o.printf("%-28s %5d %8.2f %8.2f %8.2f %8.2f %8.2f %9d%n", master, n, st.readNanos() / 1e9,
                            st.quotientNanos() / 1e9, st.stageNanos() / 1e9, st.foldNanos() / 1e9, total,
                            st.driverPeakHeap() >> 20);
                }
                foldModel(model, master, medians(measured), o);
            }
        }
        ArtifactStore.writeUri(ArtifactStore.uriOf(out),
                org.loraproof.storage.HadoopConf.create(), Artifacts.bytes(doc));
        o.println("results: " + out);
        return 0;
    }

    /**
     * snarkjs groth16 prove on the same key and witness, as a child process: its wall time (node's
     * start-up included, as a user sees it) and, where /usr/bin/time exists, its peak RSS.
     */
    private void runSnarkjs(ObjectNode j, PrintWriter o) throws Exception {
        String cli = snarkjs;
        if (cli == null) {
            String conf = System.getProperty("loraproof.conf.dir");
            cli = conf == null ? "snarkjs" : Path.of(conf).getParent().resolve("tools/node_modules/.bin/snarkjs").toString();
        }
        Path dir = java.nio.file.Files.createTempDirectory("loraproof-bench-snarkjs");
        Path rss = dir.resolve("rss");
        List<String> cmd = new ArrayList<>();
        boolean timed = java.nio.file.Files.isExecutable(Path.of("/usr/bin/time"));
        if (timed) {
            cmd.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString()));
        }
        cmd.addAll(List.of(cli, "groth16", "prove", zkey.toString(), wtns.toString(), dir.resolve("proof.json").toString(),
                dir.resolve("public.json").toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("snarkjs (" + cli + ") exited with " + exit + ": "
                    + java.nio.file.Files.readString(dir.resolve("log")).strip());
        }
        j.put("master", "snarkjs");
        j.put("totalSeconds", seconds);
        if (timed) {
            j.put("peakRssBytes", Long.parseLong(java.nio.file.Files.readString(rss).strip()) * 1024);
        }
        o.printf("%-28s %5s %8s %8s %8s %8s %8.2f %9s%n", "snarkjs", "-", "-", "-", "-", "-", seconds, "-");
        for (String f : new String[] {"proof.json", "public.json", "log", "rss"}) {
            java.nio.file.Files.deleteIfExists(dir.resolve(f));
        }
        java.nio.file.Files.delete(dir);
    }

    /**
     * For each measured partition count N, the proof time on N executors of this machine's size
     * (one partition each): the driver's read (and quotient, when it computes it), each stage's
     * slowest task (the quotient's four stages and the MSMs), the fold; and the cluster's cost:
     * what the MSM stage moves through the driver's link (the tasks' payloads out, their sums
     * back), what each quotient stage sends to the next (each receiving task its share, of which
     * (N − 1)/N crosses the network; the last stage sends to the MSM tasks holding H) at the
     * stated bandwidth, and
     * one task launch per stage. Efficiency T(1) / (N · T(N)) against the one-partition run.
     */
    private void foldModel(ArrayNode model, String master, List<ObjectNode> runs, PrintWriter o) {
        ObjectNode one = runs.stream().filter(j -> j.get("partitions").asInt() == 1).findFirst().orElse(null);
        if (one == null) {
            return;
        }
        double t1 = modelled(one, false) + network(one) + launch(one);
        double t1NoGc = modelled(one, true) + network(one) + launch(one);
        o.printf("fold model (%s, %.0f Gbit/s, %.0f ms a task): N executors, modelled seconds, efficiency, slowest "
                + "tasks summed over stages, driver read+FFT+fold, network, launch; and without this JVM's collections%n",
                master, bandwidthGbit, taskLatencyMs);
        for (ObjectNode j : runs) {
            int n = j.get("partitions").asInt();
            double net = network(j), launch = launch(j), tasks = slowest(j, false), tn = modelled(j, false) + net + launch;
            double tnNoGc = modelled(j, true) + net + launch;
            ObjectNode m = model.addObject();
            m.put("master", master);
            m.put("executors", n);
            m.put("modelledSeconds", tn);
            m.put("efficiency", t1 / (n * tn));
            m.put("slowestTaskSeconds", tasks);
            m.put("driverSeconds", tn - tasks - net - launch);
            m.put("networkSeconds", net);
            m.put("launchSeconds", launch);
            m.put("communicationSeconds", net + launch);
            m.put("bandwidthGbit", bandwidthGbit);
            m.put("taskLatencyMs", taskLatencyMs);
            m.put("modelledSecondsWithoutGc", tnNoGc);
            m.put("efficiencyWithoutGc", t1NoGc / (n * tnNoGc));
            m.put("extrapolated", true);
            o.printf("  N=%-3d %8.2f s %6.1f %%  tasks %6.2f s  driver %6.2f s  network %6.3f s  launch %5.3f s;  "
                    + "%6.2f s %6.1f %%%n", n, tn, 100 * t1 / (n * tn), tasks, tn - tasks - net - launch, net, launch,
                    tnNoGc, 100 * t1NoGc / (n * tnNoGc));
        }
    }

    /**
     * One run per partition count: each task's time (with its collections) the median over the
     * repeats of that count, as are the driver's read, quotient and fold. A task measured once on a
     * shared machine carries the machine's hiccups; its median over repeats is the task's own cost.
     */
    static List<ObjectNode> medians(List<ObjectNode> runs) {
        java.util.Map<Integer, List<ObjectNode>> byCount = new java.util.LinkedHashMap<>();
        for (ObjectNode j : runs) {
            byCount.computeIfAbsent(j.get("partitions").asInt(), k -> new ArrayList<>()).add(j);
        }
        List<ObjectNode> out = new ArrayList<>();
        for (List<ObjectNode> same : byCount.values()) {
            ObjectNode m = same.get(0).deepCopy();
            for (String f : List.of("readSeconds", "quotientSeconds", "foldSeconds")) {
                m.put(f, median(same.stream().mapToDouble(j -> j.get(f).asDouble()).toArray()));
            }
            ArrayNode stages = (ArrayNode) m.get("stages");
            for (int g = 0; g < stages.size(); g++) {
                ObjectNode stage = (ObjectNode) stages.get(g);
                ArrayNode each = stage.putArray("taskSeconds"), gc = stage.putArray("gcSeconds");
                int tasks = same.get(0).get("stages").get(g).get("taskSeconds").size();
                for (int i = 0; i < tasks; i++) {
                    int k = i, gi = g;
                    // the repeat whose time for this task is the median, its collections with it
                    ObjectNode mid = same.stream().sorted(java.util.Comparator.comparingDouble(
                            (ObjectNode j) -> j.get("stages").get(gi).get("taskSeconds").get(k).asDouble()))
                            .toList().get((same.size() - 1) / 2);
                    each.add(mid.get("stages").get(g).get("taskSeconds").get(i).asDouble());
                    gc.add(mid.get("stages").get(g).get("gcSeconds").get(i).asDouble());
                }
            }
            out.add(m);
        }
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[(s.length - 1) / 2];
    }

    /**
     * The bytes each stage moves, at the stated bandwidth: the MSM stage's through the driver's
     * link; a quotient stage's into each of its receivers (an even share), of which (N − 1)/N comes
     * from other executors.
     */
    private double network(ObjectNode run) {
        int n = run.get("partitions").asInt();
        double seconds = 0;
        for (var g : run.get("stages")) {
            double bytes = g.get("bytes").asDouble();
            int receivers = g.has("receivers") ? Math.max(1, g.get("receivers").asInt()) : n;
            seconds += (g.get("name").asText().equals("msm") ? bytes : bytes / receivers * (n - 1) / n) * 8
                    / (bandwidthGbit * 1e9);
        }
        return seconds;
    }

    /** One round of task launches per stage. */
    private double launch(ObjectNode run) {
        return run.get("stages").size() * taskLatencyMs / 1e3;
    }

    /**
     * The stages' slowest tasks, one stage after another; {@code withoutGc}: each task's time less
     * the collections of this JVM during it. Tasks here run one after another in one JVM, whose
     * young generation fills on the garbage of several and stops whichever runs then; an executor
     * of its own would collect only its task's garbage.
     */
    private static double slowest(ObjectNode run, boolean withoutGc) {
        double sum = 0;
        for (var g : run.get("stages")) {
            double max = 0;
            for (int i = 0; i < g.get("taskSeconds").size(); i++) {
                max = Math.max(max, g.get("taskSeconds").get(i).asDouble()
                        - (withoutGc ? g.get("gcSeconds").get(i).asDouble() : 0));
            }
            sum += max;
        }
        return sum;
    }

    private static double modelled(ObjectNode run, boolean withoutGc) {
        return run.get("readSeconds").asDouble() + run.get("quotientSeconds").asDouble() + slowest(run, withoutGc)
                + run.get("foldSeconds").asDouble();
    }
}
