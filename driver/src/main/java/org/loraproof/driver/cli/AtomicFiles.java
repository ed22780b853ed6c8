package org.loraproof.driver.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes of local files that leave either the whole new file or nothing ({@link
 * org.loraproof.storage.AtomicWrite}, which loads no Hadoop class). The file gets the permissions any
 * new file gets (the process's umask), as snarkjs's outputs do: what is written here (keys, proofs,
 * public signals) is public.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /** As {@link #write(Path, byte[])}, for content streamed (of any size). */
    static void write(Path target, org.loraproof.storage.ArtifactStore.Content content) throws IOException {
        org.loraproof.storage.AtomicWrite.local(target, content, null);
    }
}
