package org.loraproof.storage;

import org.apache.hadoop.fs.Path;

/**
 * A process that starts an atomic write to the URI in its first argument, says "halfway" once it
 * has written 4 MiB and then waits to be killed: what a crash in the middle of a write leaves.
 */
public final class SlowWriter {
    private SlowWriter() {
    }

    public static void main(String[] args) throws Exception {
        ArtifactStore.writeAtomically(new Path(args[0]), HadoopConf.create(), out -> {
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 4; i++) {
                out.write(block);
            }
            out.flush();
            System.out.println("halfway");
            System.out.flush();
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException("stopped");
            }
        });
    }
}
