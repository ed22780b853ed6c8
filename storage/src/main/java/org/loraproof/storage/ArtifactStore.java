package org.loraproof.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Reads and writes artifacts under a base URI ({@code file://}, {@code hdfs://}, {@code s3a://}).
 * Writes go to a temporary name beside the target and are renamed into place, so a failure leaves
 * no partial artifact (on S3, where rename is a copy, the temporary object is deleted on failure).
 */
public final class ArtifactStore {
    private final Path base;
    private final Configuration conf;

    public ArtifactStore(String baseUri) {
        this(baseUri, new Configuration());
    }

    public ArtifactStore(String baseUri, Configuration conf) {
        this.base = new Path(baseUri);
        this.conf = conf;
    }

    public Path resolve(String relative) {
        return new Path(base, relative);
    }

    public Configuration conf() {
        return conf;
    }

    public boolean exists(String relative) throws IOException {
        Path p = resolve(relative);
        return p.getFileSystem(conf).exists(p);
    }

    public byte[] read(String relative) throws IOException {
        Path p = resolve(relative);
        FileSystem fs = p.getFileSystem(conf);
        if (!fs.exists(p)) {
            throw new java.nio.file.NoSuchFileException(p.toString());
        }
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    /**
     * The artifact as a local file when the store is on the local filesystem (for readers that
     * read a large file in parallel chunks, such as proving keys), else null. Such reads skip
     * Hadoop's checksum files, so callers check what they read by other means.
     */
    public java.nio.file.Path localFile(String relative) throws IOException {
        Path p = resolve(relative);
        FileSystem fs = p.getFileSystem(conf);
        if (!"file".equals(fs.getUri().getScheme())) {
            return null;
        }
        return java.nio.file.Path.of(fs.makeQualified(p).toUri());
    }

    public void write(String relative, byte[] content) throws IOException {
        writeAtomically(resolve(relative), conf, content);
    }

    /** Writes content readable by the owner only where the filesystem has permissions. */
    public void writePrivate(String relative, byte[] content) throws IOException {
        Path target = resolve(relative);
        writeAtomically(target, conf, content);
        try {
            target.getFileSystem(conf).setPermission(target, new FsPermission((short) 0600));
        } catch (UnsupportedOperationException | IOException e) {
            // object stores have no permissions
        }
    }

    /** The files directly or indirectly under a prefix whose names end with the suffix. */
    public java.util.List<String> list(String prefix, String suffix) throws IOException {
        Path p = resolve(prefix);
        FileSystem fs = p.getFileSystem(conf);
        java.util.List<String> out = new java.util.ArrayList<>();
        if (!fs.exists(p)) {
            return out;
        }
        var it = fs.listFiles(p, true);
        while (it.hasNext()) {
            Path f = it.next().getPath();
            if (f.getName().endsWith(suffix) && !f.getName().startsWith(".")) {
                out.add(f.toString());
            }
        }
        java.util.Collections.sort(out);
        return out;
    }

    /** Writes what {@code content} streams (files of any size), atomically as {@link #write(String, byte[])}. */
    public void write(String relative, Content content) throws IOException {
        writeAtomically(resolve(relative), conf, content);
    }

    /** Streams an artifact's bytes. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void writeAtomically(Path target, Configuration conf, byte[] content) throws IOException {
        writeAtomically(target, conf, out -> out.write(content));
    }

    public static void writeAtomically(Path target, Configuration conf, Content content) throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + java.util.UUID.randomUUID() + ".partial");
        boolean done = false;
        try {
            try (FSDataOutputStream out = fs.create(tmp, true)) {
                content.writeTo(out);
            }
            if (fs.exists(target) && !fs.delete(target, false)) {
                throw new IOException("cannot replace " + target);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("cannot move the new " + target.getName() + " into place");
            }
            done = true;
        } finally {
            if (!done) {
                fs.delete(tmp, false);
            }
            Path crc = new Path(tmp.getParent(), "." + tmp.getName() + ".crc");
            if (fs.exists(crc)) {
                fs.delete(crc, false);
            }
        }
    }

    static void copy(InputStream in, OutputStream out) throws IOException {
        in.transferTo(out);
    }
}
