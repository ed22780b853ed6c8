package org.loraproof.driver.spark;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.TaskContext;

/**
 * The local filesystem under the scheme {@code flaky://}, where the first attempt of the Spark task
 * of partition {@link #failPartition} fails to open any file: a task failure from outside the code
 * under test, for retry tests ({@code spark.hadoop.fs.flaky.impl} names this class). Tasks of a local
 * master run in the test's JVM, so the static fields reach them.
 */
public final class FlakyFileSystem extends RawLocalFileSystem {
    /** The partition whose first attempt fails (−1: none). */
    public static volatile int failPartition = -1;
    /** How many opens failed. */
    public static final java.util.concurrent.atomic.AtomicInteger FAILED = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public URI getUri() {
        return URI.create("flaky:///");
    }

    @Override
    public String getScheme() {
        return "flaky";
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        TaskContext task = TaskContext.get();
        if (task != null && task.partitionId() == failPartition && task.attemptNumber() == 0) {
            FAILED.incrementAndGet();
            throw new IOException("flaky: the first attempt of partition " + failPartition + " cannot read " + f);
        }
        return super.open(f, bufferSize);
    }
}
