package org.loraproof.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The test servers for trying loraproof by hand ({@code bin/dev-cluster start}): HDFS and S3 on
 * loopback until the process is stopped. Writes their {@code core-site.xml} into the folder given
 * (use it as {@code HADOOP_CONF_DIR}) and prints the URIs and the Spark settings for executors.
 */
public final class DevServers {
    private DevServers() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: DevServers <hadoop-conf-dir>");
            System.exit(2);
        }
        String hdfs = TestServers.hdfs(), s3 = TestServers.s3();
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Files.copy(TestServers.confDir().resolve("core-site.xml"), out.resolve("core-site.xml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StringBuilder conf = new StringBuilder();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(TestServers.s3Settings()).entrySet()) {
            if (!e.getKey().startsWith("fs.s3a.bucket.")) {
                conf.append(" --conf spark.hadoop.").append(e.getKey()).append('=').append(e.getValue());
            }
        }
        System.out.printf("hdfs %s (started in %.1f s)%n", hdfs, TestServers.hdfsStartSeconds);
        System.out.printf("s3 %s (started in %.1f s)%n", s3, TestServers.s3StartSeconds);
        System.out.println("conf " + conf.toString().trim());
        System.out.flush();
        Thread.currentThread().join();
    }
}
