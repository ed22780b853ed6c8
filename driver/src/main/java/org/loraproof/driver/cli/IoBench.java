package org.loraproof.driver.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import org.loraproof.storage.HadoopConf;
import org.loraproof.storage.HadoopSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code loraproof bench io}: a local file (a proving key, say) written to a store URI as
 * artifacts are written, then read back as keys are read (positioned reads of chunks on all
 * cores), checked against the original's SHA-256, with both throughputs.
 */
@Command(name = "io", mixinStandardHelpOptions = true,
        description = {"Writes a local file to a store URI and reads it back by positioned reads, with the throughputs.",
            "",
            "The read is the one proving keys get: chunks read in parallel on all cores. The copy read back is "
                + "checked against the original's SHA-256.", "",
            "Example:",
            "  loraproof bench io circuit.zkey hdfs://namenode:8020/bench/circuit.zkey"})
final class IoBench implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<local-file>")
    Path file;
    @Parameters(index = "1", paramLabel = "<uri>")
    String uri;
    @Option(names = "--chunk-mib", defaultValue = "16", description = "read chunk size in MiB (default ${DEFAULT-VALUE})")
    int chunkMib;
    @Option(names = "--keep", description = "keep the copy (default: delete it)")
    boolean keep;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        long size = Files.size(file);
        MessageDigest original = Artifacts.sha256Digest();
        long t0 = System.nanoTime();
        var conf = HadoopConf.create();
        ArtifactStore.writeUri(uri, conf, out -> {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 20];
                for (int n; (n = in.read(buf)) > 0; ) {
                    original.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
        });
        long t1 = System.nanoTime();
        long chunk = (long) chunkMib << 20;
        long chunks = (size + chunk - 1) / chunk;
        byte[][] hashes = new byte[(int) chunks][];
        try (HadoopSource in = HadoopSource.open(uri, conf)) {
            if (in.size() != size) {
                throw new IllegalStateException(uri + ": " + in.size() + " bytes, written " + size);
            }
            ThreadLocal<byte[]> bufs = ThreadLocal.withInitial(() -> new byte[(int) chunk]);
            LongStream.range(0, chunks).parallel().forEach(k -> {
                long pos = k * chunk;
                int len = (int) Math.min(chunk, size - pos);
                byte[] buf = bufs.get();
                try {
                    in.readFully(pos, buf, 0, len);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                MessageDigest d = Artifacts.sha256Digest();
                d.update(buf, 0, len);
                hashes[(int) k] = d.digest();
            });
        }
        long t2 = System.nanoTime();
        // the chunks' hashes in order stand for the copy; the same chunking of the original must match
        MessageDigest copy = Artifacts.sha256Digest(), again = Artifacts.sha256Digest();
        for (byte[] h : hashes) {
            copy.update(h);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[(int) chunk];
            for (long k = 0; k < chunks; k++) {
                int len = in.readNBytes(buf, 0, buf.length);
                MessageDigest d = Artifacts.sha256Digest();
                d.update(buf, 0, len);
                again.update(d.digest());
            }
        }
        if (!MessageDigest.isEqual(copy.digest(), again.digest())) {
            throw new IllegalStateException(uri + ": the copy read back differs from " + file);
        }
        if (!keep) {
            ArtifactStore.deleteUri(uri, conf);
        }
        double mib = size / (double) (1 << 20);
        o.printf("%s: %.0f MiB (SHA-256 %s)%n", uri, mib, HexFormat.of().formatHex(original.digest()).substring(0, 16));
        o.printf("  write %.1f s, %.0f MiB/s; read by positioned reads of %d MiB on %d threads %.1f s, %.0f MiB/s%n",
                (t1 - t0) / 1e9, mib / ((t1 - t0) / 1e9), chunkMib, Runtime.getRuntime().availableProcessors(),
                (t2 - t1) / 1e9, mib / ((t2 - t1) / 1e9));
        return 0;
    }
}
