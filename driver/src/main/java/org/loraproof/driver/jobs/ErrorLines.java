package org.loraproof.driver.jobs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into the one line a user reads. */
public final class ErrorLines {
    private ErrorLines() {
    }

    public static String describe(Throwable e) {
        if (e instanceof java.io.UncheckedIOException u) {
            return describe(u.getCause());
        }
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + (a.getFile() != null && a.getFile().startsWith("s3a:")
                    ? ": access denied by the store (HTTP 403: the credentials or the bucket policy)" : ": permission denied");
        }
        if (e instanceof FileSystemException fs && fs.getFile() != null && fs.getOtherFile() == null
                && fs.getReason() != null) {
            return fs.getFile() + ": " + fs.getReason();
        }
        String fault = storageFault(e);
        if (fault != null) {
            return fault;
        }
        if (e instanceof IOException io) {
            String s3 = objectStore(io.getMessage());
            return s3 != null ? s3 : "I/O error: " + io.getMessage();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** Hadoop's "Checksum error: <file> at <pos> exp: <crc> got: <crc>" (its ChecksumException). */
    private static final java.util.regex.Pattern CHECKSUM =
            java.util.regex.Pattern.compile("Checksum error: (.+) at (\\d+) exp: -?\\d+ got: -?\\d+");

    /**
     * A stale Hadoop checksum file, a full disk or a filesystem error anywhere in the causes (Spark
     * passes executors' failures on as text), or null. Hadoop's classes are matched by name, so a
     * command that never loaded Hadoop does not load it here.
     */
    static String storageFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            java.util.regex.Matcher c = CHECKSUM.matcher(m);
            if (c.find()) {
                String file = c.group(1);
                if (!file.startsWith("file:")) {
                    return file + ": checksum error at byte " + c.group(2) + " (the stored data is corrupt)";
                }
                String local = file.substring("file:".length()).replaceFirst("^//(?=/)", "");
                String name = local.substring(local.lastIndexOf('/') + 1);
                String crc = local.substring(0, local.length() - name.length()) + "." + name + ".crc";
                return file + ": its checksum file ." + name + ".crc is stale (the file changed after loraproof wrote"
                        + " it); if the change was intended, remove " + crc;
            }
            if (m.contains("No space left on device")) {
                return "no space left on device: free some space and run the command again";
            }
            if (t.getClass().getName().equals("org.apache.hadoop.fs.FSError")) {
                return "file system error: " + (t.getCause() != null ? t.getCause().getMessage() : m);
            }
            if (t instanceof OutOfMemoryError) {
                return "out of memory: raise the heap with LORAPROOF_JAVA_OPTS=-Xmx…";
            }
        }
        return null;
    }

    private static final java.util.regex.Pattern S3_URI = java.util.regex.Pattern.compile("s3a://[^\\s:'`\"]+");

    /** S3A's long messages (the SDK's exception twice over) as the URI and the cause, or null for others. */
    static String objectStore(String message) {
        if (message == null) {
            return null;
        }
        java.util.regex.Matcher m = S3_URI.matcher(message);
        if (!m.find()) {
            return null;
        }
        String uri = m.group();
        if (message.contains("NoSuchBucket")) {
            return uri + ": no such bucket (HTTP 404)";
        }
        if (message.contains("Status Code: 403")) {
            return uri + ": access denied by the store (HTTP 403: the credentials or the bucket policy)";
        }
        for (String cause : new String[] {"Connection refused", "connect timed out", "Read timed out", "UnknownHost"}) {
            if (message.contains(cause)) {
                return uri + ": cannot reach the S3 endpoint (" + cause.toLowerCase(java.util.Locale.ROOT)
                        + "; see fs.s3a.endpoint)";
            }
        }
        return null;
    }
}
