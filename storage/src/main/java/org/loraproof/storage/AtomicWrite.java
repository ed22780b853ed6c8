package org.loraproof.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A write that leaves the whole new file under its name or nothing: the content goes to a temporary
 * file beside the target, is made durable, then is renamed over the target; a failed write removes
 * its temporary and the empty folders it made. Writes local files through java.nio (no Hadoop
 * class here: the command line writes local files without loading Hadoop); {@link ArtifactStore}
 * writes other filesystems' files with the same temporary names.
 *
 * <p>A temporary is named {@code .<name>.<pid>@<host>.<random>.partial}. A writer killed midway
 * leaves its temporary behind; the next successful write of the same target removes those it can
 * tell are abandoned (see {@link #isAbandoned}), never one a live writer may still be writing.
 */
public final class AtomicWrite {
    /** How long a temporary must be untouched before it counts as abandoned whatever its owner. */
    static final Duration UNTOUCHED = Duration.ofHours(24);
    private static final Pattern OWNED = Pattern.compile("(\\d+)@([^@/]+)\\.[0-9a-z]+");
    /** Temporaries named before they named their owner: a UUID (ArtifactStore) or a base-36 long. */
    private static final Pattern OWNERLESS =
            Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|[0-9a-z]{10,13}");
    private static final String NO_SPACE = "No space left on device";

    private AtomicWrite() {
    }

    /** This process as a temporary's owner, looked up once. */
    private static final class Owner {
        static final String HOST = host();
        static final String ID = ProcessHandle.current().pid() + "@" + HOST;

        private static String host() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName().replace('@', '_').replace('/', '_');
            } catch (IOException e) {
                return "unknown-host"; // never matched as this host: its temporaries age out instead
            }
        }
    }

    /** A fresh temporary name beside {@code target} (a file name, not a path). */
    static String temporaryName(String target) {
        return "." + target + "." + Owner.ID + "."
                + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".partial";
    }

    /**
     * Whether {@code file} is a temporary of {@code target} (or a Hadoop {@code .crc} of one) whose
     * writer is gone: its owner ran on this host and no longer runs, or nobody has touched it for
     * {@link #UNTOUCHED} (another host's, or an ownerless older name). A day is far longer than
     * any write pauses; HDFS updates a file's time only when it is closed, so another host's write
     * must outlast a day to be removed while it runs. A reused pid keeps a temporary until it ages out.
     */
    static boolean isAbandoned(String file, String target, long modifiedMillis, long nowMillis) {
        String name = file.startsWith("..") && file.endsWith(".partial.crc")
                ? file.substring(1, file.length() - ".crc".length()) : file;
        String prefix = "." + target + ".";
        if (!name.startsWith(prefix) || !name.endsWith(".partial") || name.length() <= prefix.length() + 8) {
            return false;
        }
        String middle = name.substring(prefix.length(), name.length() - ".partial".length());
        Matcher owned = OWNED.matcher(middle);
        if (!owned.matches() && !OWNERLESS.matcher(middle).matches()) {
            return false; // another file that merely looks alike
        }
        if (nowMillis - modifiedMillis >= UNTOUCHED.toMillis()) {
            return true;
        }
        if (!owned.matches() || !owned.group(2).equals(Owner.HOST)) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(owned.group(1))).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Writes a local file, created with {@code permissions} (null: as the umask gives; ignored
     * where the filesystem has no POSIX permissions). Replaces the file in one step, so concurrent
     * writers of one target all succeed and the last rename wins.
     */
    public static void local(Path target, ArtifactStore.Content content, Set<PosixFilePermission> permissions)
            throws IOException {
        local(target, content, permissions, true);
    }

    /**
     * As {@link #local(Path, ArtifactStore.Content, Set)}; without {@code replace}, the target must not
     * exist: the new file is linked to its name, which fails with FileAlreadyExistsException when a
     * file is there, even one another writer made meanwhile.
     */
    public static void local(Path target, ArtifactStore.Content content, Set<PosixFilePermission> permissions,
            boolean replace) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        String name = file.getFileName().toString();
        Path made = firstMissing(dir);
        Path tmp = null;
        try {
            tmp = createTemporary(dir, name, permissions);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                channel.force(true); // durable before it is renamed into place
            }
            // Hadoop's checksum of an older content goes first, so no reader sees the new bytes with the old sum
            if (replace) {
                Files.deleteIfExists(dir.resolve("." + name + ".crc"));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.createLink(file, tmp);
                Files.delete(tmp);
            }
        } catch (Throwable e) {
            discard(tmp, dir, made, e);
            if (e instanceof IOException io && isNoSpace(io)) {
                throw noSpace(file.toString(), e);
            }
            throw e;
        }
        // clean-up after the write succeeded: a failure here leaves a stray file, not a failed write
        try {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                    f -> f.getFileName().toString().startsWith("." + name + ".")
                            || f.getFileName().toString().startsWith(".." + name + "."))) {
                long now = System.currentTimeMillis();
                for (Path f : files) {
                    if (isAbandoned(f.getFileName().toString(), name, Files.getLastModifiedTime(f).toMillis(), now)) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        } catch (IOException e) {
            // another process's file we may not delete, or one deleted meanwhile
        }
    }

    /** Whether a failure is the disk being full. */
    static boolean isNoSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(NO_SPACE)) {
                return true;
            }
        }
        return false;
    }

    /** A full disk, as one line naming the target. */
    static FileSystemException noSpace(String target, Throwable cause) {
        FileSystemException e = new FileSystemException(target, null,
                "no space left on device; nothing was written (free some space and run the command again)");
        e.initCause(cause);
        return e;
    }

    private static Path createTemporary(Path dir, String name, Set<PosixFilePermission> permissions)
            throws IOException {
        FileAttribute<?>[] attributes = permissions != null
                && dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
        for (int attempt = 0; ; attempt++) {
            Files.createDirectories(dir); // fails, naming it, where a file stands in the folder's place
            try {
                return Files.createFile(dir.resolve(temporaryName(name)), attributes);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 16) { // a random name taken sixteen times over is no accident
                    throw e;
                }
            } catch (NoSuchFileException e) {
                if (attempt >= 3) { // the folder was removed meanwhile, by a failed concurrent write's clean-up
                    throw e;
                }
            }
        }
    }

    /** The topmost of {@code dir} and its parents that does not exist yet (the folders a write will make), or null. */
    private static Path firstMissing(Path dir) {
        Path missing = null;
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /** After a failed write: removes its temporary and the folders it made if they are still empty. */
    private static void discard(Path tmp, Path dir, Path made, Throwable failure) {
        try {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        for (Path p = dir; made != null && p != null && p.startsWith(made); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                return; // another writer's folder now
            } catch (IOException e) {
                failure.addSuppressed(e);
                return;
            }
        }
    }
}
