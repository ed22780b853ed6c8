package org.loraproof.driver.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.loraproof.executors.CommitBlock;
import org.loraproof.executors.SetupPiece;
import org.loraproof.executors.WitnessBatch;

/**
 * Independent tasks as one Spark stage, one partition each; or, without a context, the same tasks
 * one after another in this JVM (each using all its cores). Outputs in the order of the tasks.
 */
public final class SparkStage {
    private SparkStage() {
    }

    /** A commitment's block, on an executor. */
    public static final class RunBlock implements Function<CommitBlock, CommitBlock.Output> {
        private static final long serialVersionUID = 1L;

        @Override
        public CommitBlock.Output call(CommitBlock block) throws Exception {
            return block.run();
        }
    }

    /** A batch of a proof's samples, on an executor. */
    public static final class RunBatch implements Function<WitnessBatch, WitnessBatch.Output> {
        private static final long serialVersionUID = 1L;

        @Override
        public WitnessBatch.Output call(WitnessBatch batch) throws Exception {
            return batch.run();
        }
    }

    /** A piece of a proving key, on an executor. */
    public static final class RunPiece implements Function<SetupPiece, SetupPiece.Output> {
        private static final long serialVersionUID = 1L;

        @Override
        public SetupPiece.Output call(SetupPiece piece) throws Exception {
            return piece.run();
        }
    }

    public static <T, R> List<R> run(JavaSparkContext sc, List<T> tasks, Function<T, R> task, String what,
            Consumer<String> progress) throws java.io.IOException {
        if (sc == null) {
            List<R> out = new ArrayList<>(tasks.size());
            for (T t : tasks) {
                try {
                    out.add(task.call(t));
                } catch (java.io.IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                progress.accept(what + " " + out.size() + "/" + tasks.size() + " done");
            }
            return out;
        }
        TaskProgress listener = new TaskProgress(tasks.size(), progress);
        sc.sc().addSparkListener(listener);
        try {
            return sc.parallelize(tasks, tasks.size()).map(task).collect();
        } catch (Exception e) { // collect() throws Spark's checked SparkException undeclared
            awaitIdle(sc);
            throw SparkErrors.unwrap(e);
        } finally {
            sc.sc().removeSparkListener(listener);
        }
    }

    /**
     * After a failed stage, waits (up to a minute) until no task of it still runs: Spark does not
     * interrupt the tasks of an aborted job, and one that ends later could write after the caller
     * has cleaned up.
     */
    private static void awaitIdle(JavaSparkContext sc) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            int running = 0;
            for (org.apache.spark.SparkExecutorInfo e : sc.sc().statusTracker().getExecutorInfos()) {
                running += e.numRunningTasks();
            }
            if (running == 0) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
