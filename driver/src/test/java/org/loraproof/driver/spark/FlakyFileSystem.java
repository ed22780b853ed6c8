package org.loraproof.driver.spark;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
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
    /** Whether every attempt of that partition fails (a job that cannot succeed). */
    public static volatile boolean everyAttempt;
    /** How many opens and creates failed. */
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
        fail(f);
        return super.open(f, bufferSize);
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication,
            long blockSize, Progressable progress) throws IOException {
        fail(f);
        return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
            Progressable progress) throws IOException {
        fail(f);
        return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
    }

    private static void fail(Path f) throws IOException {
        TaskContext task = TaskContext.get();
        if (task != null && task.partitionId() == failPartition && (everyAttempt || task.attemptNumber() == 0)) {
            FAILED.incrementAndGet();
            throw new IOException("flaky: attempt " + task.attemptNumber() + " of partition " + failPartition
                    + " cannot open " + f);
        }
    }
}
