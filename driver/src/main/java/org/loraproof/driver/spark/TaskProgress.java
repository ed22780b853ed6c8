package org.loraproof.driver.spark;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** Reports partitions as their tasks end, and sums the tasks' run times. */
final class TaskProgress extends SparkListener {
    final int total;
    final Consumer<String> progress;
    final AtomicInteger done = new AtomicInteger();
    final AtomicLong taskNanos = new AtomicLong();

    TaskProgress(int total, Consumer<String> progress) {
        this.total = total;
        this.progress = progress;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskInfo().successful()) {
            taskNanos.addAndGet(end.taskMetrics() == null ? 0 : end.taskMetrics().executorRunTime() * 1_000_000L);
            progress.accept("partition " + end.taskInfo().index() + " done (" + done.incrementAndGet() + "/" + total
                    + ", executor " + end.taskInfo().executorId() + ")");
        } else {
            progress.accept("partition " + end.taskInfo().index() + " failed on attempt " + end.taskInfo().attemptNumber()
                    + "; Spark retries it");
        }
    }
}
