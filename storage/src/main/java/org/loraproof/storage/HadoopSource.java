package org.loraproof.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.loraproof.circuit.r1cs.SectionedFile;

/**
 * Positioned reads of a file through Hadoop's FileSystem ({@code file://}, {@code hdfs://},
 * {@code s3a://}), for the readers that take a large file by ranges: keys in parallel chunks on
 * the driver, and an executor's own slice of a key and of a witness.
 */
public final class HadoopSource implements SectionedFile.Source {
    private final FSDataInputStream in;
    private final long size;

    private HadoopSource(FSDataInputStream in, long size) {
        this.in = in;
        this.size = size;
    }

    /** Opens the file at a URI; a missing file is a {@link NoSuchFileException} naming it. */
    public static HadoopSource open(String uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        FileStatus status;
        try {
            status = fs.getFileStatus(p);
        } catch (FileNotFoundException e) {
            throw new NoSuchFileException(uri);
        }
        if (status.isDirectory()) {
            throw new java.nio.file.FileSystemException(uri, null, "is a folder, not a file");
        }
        return new HadoopSource(fs.open(p), status.getLen());
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void readFully(long pos, byte[] buf, int off, int length) throws IOException {
        in.readFully(pos, buf, off, length); // positioned reads: safe from several threads
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
