package org.loraproof.driver.spark;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** Reports tasks as they end and sums their run times; a job of several stages names them in order. */
final class TaskProgress extends SparkListener {
    final int total;
    final Consumer<String> progress;
    final List<String> names;
    final AtomicInteger done = new AtomicInteger();
    final AtomicLong taskNanos = new AtomicLong();
    /** The ids of the stages seen, to name them in order. */
    private final java.util.TreeSet<Integer> stages = new java.util.TreeSet<>();

    TaskProgress(int total, Consumer<String> progress) {
        this(total, List.of(), progress);
    }

    /** For a job of stages with these names, in order, of {@code total} tasks in all. */
    TaskProgress(int total, List<String> names, Consumer<String> progress) {
        this.total = total;
        this.names = names;
        this.progress = progress;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        String stage = stageName(end.stageId());
        if (end.taskInfo().successful()) {
            taskNanos.addAndGet(end.taskMetrics() == null ? 0 : end.taskMetrics().executorRunTime() * 1_000_000L);
            progress.accept(stage + "partition " + end.taskInfo().index() + " done (" + done.incrementAndGet() + "/"
                    + total + ", executor " + end.taskInfo().executorId() + ")");
        } else {
            progress.accept(stage + "partition " + end.taskInfo().index() + " failed on attempt "
                    + end.taskInfo().attemptNumber() + "; Spark retries it");
        }
    }

    private String stageName(int stageId) {
        if (names.isEmpty()) {
            return "";
        }
        int order;
        synchronized (stages) {
            stages.add(stageId);
            order = stages.headSet(stageId).size();
        }
        return (order < names.size() ? names.get(order) : "stage " + stageId) + ": ";
    }
}
