package org.loraproof.driver;

import java.nio.file.Path;
import org.loraproof.storage.ArtifactStore;
import picocli.CommandLine.Option;

/** The artifact store every command reads and writes: a local path or a file://, hdfs:// or s3a:// URI. */
final class StoreOption {
    @Option(names = "--store", paramLabel = "<uri>", defaultValue = "loraproof-store",
            description = "artifact store: a path or file://, hdfs://, s3a:// URI (default: ${DEFAULT-VALUE})")
    String store;

    ArtifactStore open() {
        return new ArtifactStore(uri(store));
    }

    /** A URI as given, or a local path made absolute. */
    static String uri(String s) {
        if (s.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            return s;
        }
        return Path.of(s).toAbsolutePath().normalize().toUri().toString();
    }
}
