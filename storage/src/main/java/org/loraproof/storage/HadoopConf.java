package org.loraproof.storage;

import java.io.File;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The Hadoop configuration every loraproof read and write starts from: Hadoop's defaults, then
 * {@code core-site.xml} and {@code hdfs-site.xml} from {@code $HADOOP_CONF_DIR} (or the folder in
 * the system property {@code loraproof.hadoop.conf.dir}), where S3 endpoints and credentials
 * belong. S3A's retries are bounded unless a site file sets them, so that an unreachable or
 * refusing store fails in seconds rather than retrying for minutes.
 */
public final class HadoopConf {
    /** S3A settings loraproof uses where no site file sets them (Hadoop's defaults retry for minutes). */
    static final Map<String, String> S3A_BOUNDS = Map.of(
            "fs.s3a.retry.limit", "2",
            "fs.s3a.retry.interval", "250ms",
            "fs.s3a.retry.throttle.limit", "3",
            "fs.s3a.attempts.maximum", "2",
            "fs.s3a.connection.establish.timeout", "5s",
            "fs.s3a.connection.timeout", "60s",
            "fs.s3a.connection.request.timeout", "120s");

    private HadoopConf() {
    }

    public static Configuration create() {
        Configuration conf = new Configuration();
        String dir = System.getProperty("loraproof.hadoop.conf.dir", System.getenv("HADOOP_CONF_DIR"));
        if (dir != null && !dir.isEmpty()) {
            for (String site : new String[] {"core-site.xml", "hdfs-site.xml"}) {
                File f = new File(dir, site);
                if (f.isFile()) {
                    conf.addResource(new Path(f.toURI()));
                }
            }
        }
        bound(conf);
        return conf;
    }

    /** Applies {@link #S3A_BOUNDS} to the keys that only Hadoop's defaults set. */
    public static Configuration bound(Configuration conf) {
        for (Map.Entry<String, String> e : S3A_BOUNDS.entrySet()) {
            String[] sources = conf.getPropertySources(e.getKey());
            boolean defaultOnly = sources == null || sources.length == 0
                    || sources.length == 1 && sources[0].endsWith("-default.xml");
            if (defaultOnly) {
                conf.set(e.getKey(), e.getValue(), "loraproof");
            }
        }
        return conf;
    }
}
