package org.loraproof.storage;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * Running storage servers for the tests, on 127.0.0.1 at free ports, started once per test JVM on
 * first use and stopped when it exits: HDFS (a MiniDFSCluster of three datanodes, replication 2)
 * and S3 (S3Proxy over an in-memory blob store, bucket {@value #BUCKET}, path-style, signed
 * requests). Clients get the S3 endpoint and credentials the standard way: a {@code core-site.xml}
 * in the folder that {@link HadoopConf} reads ({@link #confDir()}), which is never logged.
 */
public final class TestServers {
    public static final String BUCKET = "loraproof-test";
    /** Buckets that fail: one at an endpoint where nothing listens, one with a wrong secret (403), one missing (404). */
    public static final String UNREACHABLE = "loraproof-unreachable", DENIED = "loraproof-denied",
            MISSING = "loraproof-missing";
    private static final String IDENTITY = "loraproof-test-identity", CREDENTIAL = "loraproof-test-credential-0123456789";
    private static MiniDFSCluster hdfs;
    private static S3Proxy s3;
    private static BlobStore blobs;
    private static Path confDir;
    private static Map<String, String> s3Settings;
    /** Seconds each server took to start. */
    public static double hdfsStartSeconds, s3StartSeconds;

    private TestServers() {
    }

    /** The HDFS cluster's root URI, hdfs://127.0.0.1:port (started on first use). */
    public static synchronized String hdfs() throws IOException {
        if (hdfs == null) {
            long t0 = System.nanoTime();
            Path base = Files.createTempDirectory("loraproof-minidfs");
            Configuration conf = new Configuration();
            conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
            conf.setInt("dfs.replication", 2);
            conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
            // a lost datanode is noticed and its blocks read from the other replica quickly
            conf.setInt("dfs.client.retry.window.base", 100);
            hdfs = new MiniDFSCluster.Builder(conf, new File(base.toString())).numDataNodes(3).build();
            hdfs.waitActive();
            hdfsStartSeconds = (System.nanoTime() - t0) / 1e9;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> hdfs.shutdown(true)));
        }
        return "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    }

    public static synchronized MiniDFSCluster hdfsCluster() throws IOException {
        hdfs();
        return hdfs;
    }

    /** The S3 bucket's URI, s3a://loraproof-test (the server started on first use). */
    public static synchronized String s3() throws Exception {
        if (s3 == null) {
            long t0 = System.nanoTime();
            blobs = new TransientNio2BlobStore();
            blobs.createContainer(BUCKET);
            s3 = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL).build();
            s3.start();
            while (!"STARTED".equals(s3.getState())) {
                Thread.sleep(10);
            }
            s3StartSeconds = (System.nanoTime() - t0) / 1e9;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    s3.stop();
                } catch (Exception e) {
                    // exiting anyway
                }
            }));
            s3Settings = new LinkedHashMap<>();
            s3Settings.put("fs.s3a.endpoint", "http://127.0.0.1:" + s3.getPort());
            s3Settings.put("fs.s3a.endpoint.region", "us-east-1");
            s3Settings.put("fs.s3a.path.style.access", "true");
            s3Settings.put("fs.s3a.connection.ssl.enabled", "false");
            s3Settings.put("fs.s3a.access.key", IDENTITY);
            s3Settings.put("fs.s3a.secret.key", CREDENTIAL);
            s3Settings.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                s3Settings.put("fs.s3a.bucket." + UNREACHABLE + ".endpoint", "http://127.0.0.1:" + closed.getLocalPort());
            }
            s3Settings.put("fs.s3a.bucket." + DENIED + ".secret.key", "not-the-credential");
            blobs.createContainer(DENIED);
            writeSite();
        }
        return "s3a://" + BUCKET;
    }

    /** The S3A settings of the test server (endpoint, credentials), as a core-site.xml holds them. */
    public static synchronized Map<String, String> s3Settings() throws Exception {
        s3();
        return Map.copyOf(s3Settings);
    }

    public static synchronized BlobStore blobStore() throws Exception {
        s3();
        return blobs;
    }

    /** The folder with the core-site.xml for the test servers; the tests' {@link HadoopConf} reads it. */
    public static synchronized Path confDir() throws Exception {
        s3();
        return confDir;
    }

    private static void writeSite() throws IOException {
        confDir = Files.createTempDirectory("loraproof-hadoop-conf");
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
        s3Settings.forEach((k, v) -> xml.append("  <property><name>").append(k).append("</name><value>").append(v)
                .append("</value></property>\n"));
        xml.append("</configuration>\n");
        Files.writeString(confDir.resolve("core-site.xml"), xml, StandardCharsets.UTF_8);
        System.setProperty("loraproof.hadoop.conf.dir", confDir.toString());
    }
}
