package org.loraproof.driver.cli;

import org.loraproof.storage.ArtifactStore;
import picocli.CommandLine.Option;

/** The artifact store every command reads and writes: a local path or a file://, hdfs:// or s3a:// URI. */
final class StoreOption {
    @Option(names = "--store", paramLabel = "<uri>", defaultValue = "loraproof-store",
            description = "artifact store: a path or file://, hdfs://, s3a:// URI (default: ${DEFAULT-VALUE})")
    String store;

    ArtifactStore open() {
        return new ArtifactStore(ArtifactStore.uriOf(store));
    }
}
