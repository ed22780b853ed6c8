package org.loraproof.driver.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark context of a loraproof job, configured as spark-submit configures one: the
 * properties file ({@code conf/spark-defaults.conf}, found through {@code loraproof.conf.dir} or
 * {@code $LORAPROOF_CONF_DIR}), then {@code --conf key=value} entries, then {@code --master}
 * (default: what spark-submit set, else the embedded {@code local[*]}). Kryo with loraproof's
 * registrator always.
 */
public final class SparkRuntime {
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkRuntime() {
    }

    /** The settings a job would run with (for tests and metadata). */
    public static SparkConf conf(String master, List<String> confEntries, String appName) throws IOException {
        SparkConf conf = new SparkConf(true); // spark.* system properties: what spark-submit passes
        for (Map.Entry<String, String> e : defaults().entrySet()) {
            if (!conf.contains(e.getKey())) {
                conf.set(e.getKey(), e.getValue());
            }
        }
        for (String entry : confEntries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--conf takes key=value, got '" + entry + "'");
            }
            conf.set(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        conf.setIfMissing("spark.app.name", appName);
        conf.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.set("spark.kryo.registrator", "org.loraproof.executors.KryoRegistrator");
        conf.setIfMissing("spark.ui.enabled", "false");
        if (conf.get("spark.master").startsWith("local-cluster")) {
            // executors of the embedded cluster start from this JVM's classpath (no Spark installation here)
            conf.setIfMissing("spark.executor.extraClassPath", System.getProperty("java.class.path"));
            // an executor takes its worker's memory unless told less (the properties file's 8g is for real clusters)
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("local-cluster\\[\\s*\\d+\\s*,\\s*\\d+\\s*,\\s*(\\d+)\\s*]")
                    .matcher(conf.get("spark.master"));
            if (m.matches() && !confEntries.stream().anyMatch(e -> e.startsWith("spark.executor.memory="))) {
                conf.set("spark.executor.memory", m.group(1) + "m");
            }
            embeddedSparkHome();
        }
        return conf;
    }

    /**
     * The embedded cluster's workers build their executors' command lines under {@code $SPARK_HOME},
     * which must have a {@code jars/} folder (the executors' classpath comes from this JVM), and need
     * {@code $SPARK_SCALA_VERSION}. {@code bin/loraproof} lays out its own (bin/spark-home.sh); the
     * tests' is made by their build. Checked here, never made: one owner for each folder.
     */
    private static void embeddedSparkHome() {
        String home = System.getenv("SPARK_HOME");
        if (home == null || System.getenv("SPARK_SCALA_VERSION") == null) {
            throw new IllegalArgumentException("a local-cluster master needs SPARK_HOME and SPARK_SCALA_VERSION=2.13 in "
                    + "the environment (bin/loraproof sets them)");
        }
        if (!Files.isDirectory(Path.of(home, "jars"))) {
            throw new IllegalArgumentException("a local-cluster master needs a Spark home with a jars/ folder: "
                    + home + "/jars does not exist (bin/loraproof lays one out)");
        }
    }

    /** Starts a context (stop it after the job). */
    public static JavaSparkContext start(String master, List<String> confEntries, String appName) throws IOException {
        return new JavaSparkContext(conf(master, confEntries, appName));
    }

    /** The properties file's entries, or none when no configuration folder is known. */
    static Map<String, String> defaults() throws IOException {
        String dir = System.getProperty("loraproof.conf.dir", System.getenv("LORAPROOF_CONF_DIR"));
        Map<String, String> out = new LinkedHashMap<>();
        if (dir == null) {
            return out;
        }
        Path file = Path.of(dir, "spark-defaults.conf");
        if (!Files.isRegularFile(file)) {
            return out;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in); // spark-defaults.conf is a properties file with whitespace separators
        }
        for (String k : p.stringPropertyNames()) {
            out.put(k, p.getProperty(k).trim());
        }
        return out;
    }

    /** The {@code spark.hadoop.*} settings without their prefix, for executors' Hadoop configurations. */
    public static Map<String, String> hadoopSettings(SparkConf conf) {
        Map<String, String> out = new LinkedHashMap<>();
        for (scala.Tuple2<String, String> t : conf.getAllWithPrefix("spark.hadoop.")) {
            out.put(t._1(), t._2());
        }
        return out;
    }

    /** A Hadoop configuration with the job's {@code spark.hadoop.*} settings (for the driver's own reads). */
    public static org.apache.hadoop.conf.Configuration hadoopConf(SparkConf conf) {
        org.apache.hadoop.conf.Configuration c = org.loraproof.storage.HadoopConf.create();
        hadoopSettings(conf).forEach(c::set);
        return c;
    }
}
