package org.loraproof.driver.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.loraproof.executors.CommitBlock;

/**
 * The commitment's blocks as one Spark stage, one task each; or, without a context, the same blocks
 * one after another in this JVM (each hashing on all its cores). Outputs in the order of the blocks.
 */
public final class SparkCommit {
    private SparkCommit() {
    }

    /** What an executor runs: one block. */
    static final class RunBlock implements Function<CommitBlock, CommitBlock.Output> {
        private static final long serialVersionUID = 1L;

        @Override
        public CommitBlock.Output call(CommitBlock block) throws IOException {
            return block.run();
        }
    }

    public static List<CommitBlock.Output> run(JavaSparkContext sc, List<CommitBlock> blocks, Consumer<String> progress)
            throws IOException {
        if (sc == null) {
            List<CommitBlock.Output> out = new ArrayList<>(blocks.size());
            for (CommitBlock b : blocks) {
                out.add(b.run());
                progress.accept("block " + out.size() + "/" + blocks.size() + " hashed");
            }
            return out;
        }
        TaskProgress listener = new TaskProgress(blocks.size(), progress);
        sc.sc().addSparkListener(listener);
        try {
            return sc.parallelize(blocks, blocks.size()).map(new RunBlock()).collect();
        } catch (Exception e) { // collect() throws Spark's checked SparkException undeclared
            throw SparkErrors.unwrap(e);
        } finally {
            sc.sc().removeSparkListener(listener);
        }
    }
}
