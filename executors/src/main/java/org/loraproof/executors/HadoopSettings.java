package org.loraproof.executors;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * A job's {@code spark.hadoop.*} settings without the prefix (S3 endpoints, credentials), as a task
 * carries them: key, value, … in one array (Kryo ships it without registering a map type).
 */
final class HadoopSettings {
    private HadoopSettings() {
    }

    static String[] flatten(Map<String, String> settings) {
        return settings.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
    }

    static Map<String, String> map(String[] flat) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < flat.length; i += 2) {
            out.put(flat[i], flat[i + 1]);
        }
        return out;
    }

    /** This executor's Hadoop configuration with the job's settings. */
    static Configuration conf(String[] flat) {
        Configuration conf = org.loraproof.storage.HadoopConf.create();
        for (int i = 0; i < flat.length; i += 2) {
            conf.set(flat[i], flat[i + 1]);
        }
        return conf;
    }
}
