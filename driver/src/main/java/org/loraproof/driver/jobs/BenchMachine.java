package org.loraproof.driver.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.loraproof.storage.Artifacts;

/** The machine a benchmark ran on, and this process's peak memory (Linux: /proc). */
public final class BenchMachine {
    /** A new results document of this kind: format, time, software and this machine. */
    public static ObjectNode document(String kind) {
        ObjectNode doc = Artifacts.document("loraproof-bench");
        doc.put("created", java.time.Instant.now().toString());
        doc.put("software", LoraMergeJob.SOFTWARE);
        doc.put("kind", kind);
        doc.set("machine", describe());
        return doc;
    }

    /** The CPU flags the field and curve kernels can use. */
    private static final List<String> FLAGS = List.of("avx2", "bmi2", "adx", "avx512f", "avx512dq", "avx512ifma");

    private BenchMachine() {
    }

    public static ObjectNode describe() {
        ObjectNode m = Artifacts.JSON.createObjectNode();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        String cpuinfo = read("/proc/cpuinfo");
        m.put("cpu", field(cpuinfo, "model name"));
        ArrayNode flags = m.putArray("cpuFlags");
        List<String> present = List.of(field(cpuinfo, "flags").split(" "));
        FLAGS.stream().filter(present::contains).forEach(flags::add);
        String mem = field(read("/proc/meminfo"), "MemTotal").replace("kB", "").trim();
        m.put("memoryBytes", mem.isEmpty() ? -1 : Long.parseLong(mem) * 1024);
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        m.put("software", LoraMergeJob.SOFTWARE);
        return m;
    }

    /** Starts a new measurement: the heap pools' and the process's peaks become the current use. */
    public static void resetPeaks() {
        System.gc();
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // resets VmHWM
        } catch (IOException | RuntimeException e) {
            // not Linux, or not permitted: the RSS peak then covers the whole process
        }
    }

    /** This process's peak resident set since the start or {@link #resetPeaks()}, in bytes; -1 if unknown. */
    public static long peakRssBytes() {
        String kb = field(read("/proc/self/status"), "VmHWM").replace("kB", "").trim();
        return kb.isEmpty() ? -1 : Long.parseLong(kb) * 1024;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String field(String text, String name) {
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }
}
