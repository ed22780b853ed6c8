package org.loraproof.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Reads and writes artifacts under a base URI ({@code file://}, {@code hdfs://}, {@code s3a://}).
 * A write leaves the whole new artifact under its name or nothing: on a filesystem (local, HDFS)
 * it goes to a temporary name beside the target, is made durable and is renamed over it (local
 * files through {@link AtomicWrite}, without Hadoop's {@code .crc} files); on an object store (S3),
 * which has no rename, it streams to the final key, where the object appears only when the
 * stream closes complete, and a failed write aborts the upload.
 */
public final class ArtifactStore {
    private final Path base;
    private final Configuration conf;

    public ArtifactStore(String baseUri) {
        this(baseUri, HadoopConf.create());
    }

    public ArtifactStore(String baseUri, Configuration conf) {
        this.base = new Path(baseUri);
        this.conf = conf;
    }

    /** The store's base URI, as given. */
    public String baseUri() {
        return base.toString();
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

    /** When the store last wrote the artifact, by the store's own clock. */
    public java.time.Instant modified(String relative) throws IOException {
        Path p = resolve(relative);
        return java.time.Instant.ofEpochMilli(p.getFileSystem(conf).getFileStatus(p).getModificationTime());
    }

    public byte[] read(String relative) throws IOException {
        return readUri(resolve(relative).toString(), conf);
    }

    /** A whole small file at a URI (a NoSuchFileException naming it when there is none). */
    public static byte[] readUri(String uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        if (!fs.exists(p)) {
            throw new java.nio.file.NoSuchFileException(p.toString());
        }
        if (fs.getFileStatus(p).getLen() > Integer.MAX_VALUE - 8) {
            throw new java.nio.file.FileSystemException(uri, null,
                    "over 2 GB, more than a URI is read (whole); copy it to a local file, which is read in chunks");
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

    /** Writes content readable by its owner only where the filesystem has permissions (HDFS, local). */
    public void writePrivate(String relative, byte[] content) throws IOException {
        writeAtomically(resolve(relative), conf, out -> out.write(content), OWNER_ONLY);
    }

    /** Removes a folder and all under it (nothing when there is none). */
    public void deleteTree(String relative) throws IOException {
        Path p = resolve(relative);
        FileSystem fs = p.getFileSystem(conf);
        if (fs.exists(p)) {
            fs.delete(p, true);
        }
    }

    /** Deletes the file at a URI when it exists. */
    public static void deleteUri(String uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        if (fs.exists(p)) {
            fs.delete(p, false);
        }
    }

    /** Writes a whole file at any URI, atomically as the store writes, with this JVM's Hadoop settings. */
    public static void writeUri(String uri, byte[] content) throws IOException {
        writeAtomically(new Path(uri), HadoopConf.create(), content);
    }

    /** As {@link #writeUri(String, byte[])} with these Hadoop settings. */
    public static void writeUri(String uri, Configuration conf, byte[] content) throws IOException {
        writeAtomically(new Path(uri), conf, content);
    }

    /** Writes what {@code content} streams to any URI, atomically, with this JVM's Hadoop settings. */
    public static void writeUri(String uri, Content content) throws IOException {
        writeUri(uri, HadoopConf.create(), content);
    }

    /** As {@link #writeUri(String, Content)} with these Hadoop settings. */
    public static void writeUri(String uri, Configuration conf, Content content) throws IOException {
        writeAtomically(new Path(uri), conf, content);
    }

    /** As {@link #writeUri(String, Configuration, Content)}, owner-only where the filesystem has permissions. */
    public static void writePrivateUri(String uri, Configuration conf, Content content) throws IOException {
        writeAtomically(new Path(uri), conf, content, OWNER_ONLY);
    }

    /** A URI as given, or a local path made absolute (as a file: URI). */
    public static String uriOf(String pathOrUri) {
        if (pathOrUri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            return pathOrUri;
        }
        return java.nio.file.Path.of(pathOrUri).toAbsolutePath().normalize().toUri().toString();
    }

    /** The URI of {@code name} in the folder at {@code folderUri}. */
    public static String child(String folderUri, String name) {
        return new Path(folderUri, name).toString();
    }

    /** The size in bytes and the modification time of an artifact or any file at a URI. */
    public static long[] sizeAndTime(String uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        if (!fs.exists(p)) {
            throw new java.nio.file.NoSuchFileException(p.toString());
        }
        var st = fs.getFileStatus(p);
        return new long[] {st.getLen(), st.getModificationTime()};
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

    /**
     * Writes an artifact that must not exist yet: FileAlreadyExistsException when it does, even when
     * another writer makes it meanwhile on a filesystem (local: a hard link; HDFS: a rename that does
     * not replace). An object store has no such write: there it is checked first, then written.
     */
    public void writeNew(String relative, byte[] content) throws IOException {
        Path target = resolve(relative);
        FileSystem fs = target.getFileSystem(conf);
        if (fs.exists(target)) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
        }
        if ("file".equals(fs.getUri().getScheme())) {
            AtomicWrite.local(java.nio.file.Path.of(fs.makeQualified(target).toUri()), out -> out.write(content), null,
                    false);
            return;
        }
        if (fs.hasPathCapability(target, CommonPathCapabilities.ABORTABLE_STREAM)) {
            writeObject(fs, target, out -> out.write(content));
            return;
        }
        Path tmp = new Path(target.getParent(), AtomicWrite.temporaryName(target.getName()));
        try {
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                out.write(content);
                if (out.hasCapability(StreamCapabilities.HSYNC)) {
                    out.hsync();
                }
            }
            FileContext.getFileContext(fs.getUri(), conf).rename(fs.makeQualified(tmp), fs.makeQualified(target),
                    Options.Rename.NONE);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, false);
            }
        }
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
        writeAtomically(target, conf, content, null);
    }

    /** Readable and writable by the owner only. */
    public static final FsPermission OWNER_ONLY = new FsPermission((short) 0600);

    /** As {@link #writeAtomically(Path, Configuration, Content)}, created with these permissions (null: the default). */
    public static void writeAtomically(Path target, Configuration conf, Content content, FsPermission permission)
            throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        try {
            if ("file".equals(fs.getUri().getScheme())) {
                // through java.nio: Hadoop's local filesystem renames a file and its .crc in two steps, and
                // concurrent writers of one file failed with "rename destination … already exists"
                AtomicWrite.local(java.nio.file.Path.of(fs.makeQualified(target).toUri()), content,
                        permission == null ? null : PosixFilePermissions.fromString(permission.toString()));
            } else if (fs.hasPathCapability(target, CommonPathCapabilities.ABORTABLE_STREAM)) {
                writeObject(fs, target, content);
            } else {
                writeRenamed(fs, target, conf, content, permission);
            }
        } catch (FSError e) { // Hadoop's local filesystem fails so, a full disk among others
            if (AtomicWrite.isNoSpace(e)) {
                throw AtomicWrite.noSpace(target.toString(), e);
            }
            FileSystemException f = new FileSystemException(target.toString(), null,
                    "cannot write: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            f.initCause(e);
            throw f;
        }
    }

    /** A filesystem's write (HDFS): to a temporary beside the target, made durable, then renamed over it. */
    private static void writeRenamed(FileSystem fs, Path target, Configuration conf, Content content,
            FsPermission permission) throws IOException {
        Path dir = target.getParent();
        Path made = null; // the topmost folder that fs.create will make
        for (Path p = dir; p != null && !fs.exists(p); p = p.getParent()) {
            made = p;
        }
        Path tmp = new Path(dir, AtomicWrite.temporaryName(target.getName()));
        try {
            try (FSDataOutputStream out = permission == null ? fs.create(tmp, false)
                    : fs.create(tmp, permission, false, conf.getInt("io.file.buffer.size", 4096),
                            fs.getDefaultReplication(tmp), fs.getDefaultBlockSize(tmp), null)) {
                content.writeTo(out);
                if (out.hasCapability(StreamCapabilities.HSYNC)) {
                    out.hsync(); // durable before it is renamed into place
                }
            }
            // replaces the target in one step, never leaving it missing
            FileContext.getFileContext(fs.getUri(), conf).rename(fs.makeQualified(tmp), fs.makeQualified(target),
                    Options.Rename.OVERWRITE);
        } catch (Throwable e) {
            discard(fs, tmp, dir, made, e);
            if (e instanceof IOException io && AtomicWrite.isNoSpace(io)) {
                throw AtomicWrite.noSpace(target.toString(), e);
            }
            throw e;
        }
        try { // clean-up after the write succeeded: a failure here leaves a stray file, not a failed write
            long now = System.currentTimeMillis();
            for (FileStatus f : fs.listStatus(dir, p -> p.getName().startsWith("." + target.getName() + "."))) {
                if (AtomicWrite.isAbandoned(f.getPath().getName(), target.getName(), f.getModificationTime(), now)) {
                    fs.delete(f.getPath(), false);
                }
            }
        } catch (IOException e) {
            // another user's file, or one deleted meanwhile
        }
    }

    /** After a failed write: removes its temporary and the folders it made if they are still empty. */
    private static void discard(FileSystem fs, Path tmp, Path dir, Path made, Throwable failure) {
        try {
            fs.delete(tmp, false);
            for (Path p = dir; made != null && p != null; p = p.getParent()) {
                if (fs.listStatus(p).length > 0 || !fs.delete(p, false) || p.equals(made)) {
                    return;
                }
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** An object store's write: the object appears at close, complete; on failure the upload is aborted. */
    private static void writeObject(FileSystem fs, Path target, Content content) throws IOException {
        FSDataOutputStream out = fs.create(target, true);
        boolean written = false;
        try {
            content.writeTo(out);
            written = true;
        } finally {
            if (written) {
                out.close();
            } else {
                out.abort();
            }
        }
    }

    static void copy(InputStream in, OutputStream out) throws IOException {
        in.transferTo(out);
    }
}
