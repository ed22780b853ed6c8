package org.loraproof.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes that leave either the whole new file or nothing: a temporary file beside it, then a rename.
 * The file gets the permissions any new file gets (the process's umask), as snarkjs's outputs do:
 * what is written here (keys, proofs, public signals) is public.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /** As {@link #write(Path, byte[])}, for content streamed (of any size). */
    static void write(Path target, org.loraproof.storage.ArtifactStore.Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        // not Files.createTempFile, which makes the file 0600 whatever the umask
        Path tmp;
        java.io.OutputStream file;
        while (true) {
            tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".partial");
            try {
                file = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                break;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // taken (by another writer, or by anything at all: an existing name is never opened)
            }
        }
        try {
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(file, 1 << 16)) {
                content.writeTo(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
