package org.loraproof.circuit;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The pool that runs the parallel kernels (MSM windows, FFT stages), sized to all available
 * cores. {@link ForkJoinPool#commonPool()} is not used: it keeps one core free, which on a
 * two-core machine halves the kernels' speed.
 */
public final class Workers {
    private static final ForkJoinPool POOL = new ForkJoinPool(
            Math.max(1, Integer.getInteger("loraproof.threads", Runtime.getRuntime().availableProcessors())),
            pool -> {
                var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setDaemon(true);
                t.setName("loraproof-worker-" + t.getPoolIndex());
                return t;
            }, null, false);

    private Workers() {
    }

    public static ForkJoinPool pool() {
        return POOL;
    }

    /** Runs body(0) … body(tasks − 1) on the pool and waits for all of them. */
    public static void parallelFor(int tasks, IntConsumer body) {
        if (tasks <= 1 || POOL.getParallelism() == 1) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        POOL.submit(() -> IntStream.range(0, tasks).parallel().forEach(body)).join();
    }
}
