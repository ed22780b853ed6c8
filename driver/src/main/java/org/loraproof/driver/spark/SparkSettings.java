package org.loraproof.driver.spark;

import java.util.List;

/** Where a job runs on Spark: the master (null: spark-submit's, else the embedded local[*]) and --conf entries. */
public record SparkSettings(String master, List<String> conf) {
    public SparkSettings {
        conf = List.copyOf(conf);
    }
}
