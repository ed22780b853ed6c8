package org.loraproof.driver.spark;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.DelegateToFileSystem;

/** {@link FlakyFileSystem} as FileContext reaches it (renames), named by {@code fs.AbstractFileSystem.flaky.impl}. */
public final class FlakyAbstractFileSystem extends DelegateToFileSystem {
    public FlakyAbstractFileSystem(URI uri, Configuration conf) throws IOException, URISyntaxException {
        super(uri, new FlakyFileSystem(), conf, "flaky", false);
    }
}
