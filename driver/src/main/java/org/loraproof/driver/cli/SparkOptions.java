package org.loraproof.driver.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --master} and {@code --conf key=value}, as spark-submit takes them, for the commands that run on Spark. */
final class SparkOptions {
    @Option(names = "--master", paramLabel = "<url>",
            description = "run on Spark: local[N], local-cluster[W,C,MB], spark://host:port, … (settings from "
                + "conf/spark-defaults.conf; under spark-submit, its master). Without it the proof runs in this JVM")
    String master;
    @Option(names = "--conf", paramLabel = "<key=value>", description = "a Spark setting, as spark-submit takes it (repeatable)")
    List<String> conf = new ArrayList<>();

    /** Whether the command runs as a Spark job: --master given, or launched by spark-submit. */
    boolean distributed() {
        return master != null || System.getProperty("spark.master") != null;
    }

    /** The settings of a Spark job, or null when the command runs in this JVM. */
    org.loraproof.driver.spark.SparkSettings settings() {
        return distributed() ? new org.loraproof.driver.spark.SparkSettings(master, conf) : null;
    }
}
