package org.loraproof.driver.cli;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks of the local files a command reads and writes, made before its work starts: a folder
 * given for a file, or an output that cannot be written, is named at once instead of after a
 * proof (with the JDK's bare "Is a directory", which names no file, or a temporary file's name).
 */
final class CliFiles {
    private CliFiles() {
    }

    /** Each path (nulls skipped) names an existing file that is not a folder. */
    static void inputs(Path... paths) throws FileSystemException {
        for (Path p : paths) {
            if (p == null) {
                continue;
            }
            if (Files.isDirectory(p)) {
                throw new FileSystemException(p.toString(), null, "is a folder, not a file");
            }
            if (!Files.exists(p)) {
                throw new NoSuchFileException(p.toString());
            }
        }
    }

    /** Each path can be written as a file: it is not a folder, and no file stands where a folder above it would be made. */
    static void outputs(Path... paths) throws FileSystemException {
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                throw new FileSystemException(p.toString(), null, "is a folder; give a file name to write");
            }
            for (Path up = p.toAbsolutePath().getParent(); up != null && !Files.isDirectory(up); up = up.getParent()) {
                if (Files.exists(up)) {
                    throw new FileSystemException(up.toString(), null, "is a file, so nothing can be written under it");
                }
            }
        }
    }
}
