package org.loraproof.executors;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.util.CollectionAccumulator;
import scala.Tuple2;

/**
 * {@link QuotientStages} as Spark functions: each stage's parts keyed by the partition they go to,
 * and the MSM tasks that take their chunk's values from the last exchange. Partition i of each
 * stage is part i. Each stage task adds {stage, partition, nanoseconds, bytes sent, nanoseconds of
 * the JVM's garbage collections meanwhile} to the accumulator it is given (stage 1 … 4), for the
 * fold model.
 */
public final class QuotientTasks {
    private QuotientTasks() {
    }

    static Iterator<Tuple2<Integer, QuotientStages.Part>> keyed(List<QuotientStages.Part> parts, int stage, long t0,
            long gc0, CollectionAccumulator<long[]> times) {
        List<Tuple2<Integer, QuotientStages.Part>> out = new ArrayList<>(parts.size());
        long bytes = 0;
        for (QuotientStages.Part p : parts) {
            out.add(new Tuple2<>(p.to, p));
            bytes += p.bytes();
        }
        times.add(new long[] {stage, TaskContext.getPartitionId(), System.nanoTime() - t0, bytes, Heap.gcNanos() - gc0});
        return out.iterator();
    }

    static Iterator<QuotientStages.Part> values(Iterator<Tuple2<Integer, QuotientStages.Part>> in) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public QuotientStages.Part next() {
                return in.next()._2();
            }
        };
    }

    /** Stage 1: a range of coefficients times the witness. */
    public static final class Evaluate implements PairFlatMapFunction<QuotientStages.Evaluate, Integer, QuotientStages.Part> {
        private static final long serialVersionUID = 1L;

        final CollectionAccumulator<long[]> times;

        public Evaluate(CollectionAccumulator<long[]> times) {
            this.times = times;
        }

        @Override
        public Iterator<Tuple2<Integer, QuotientStages.Part>> call(QuotientStages.Evaluate task) throws Exception {
            long t0 = System.nanoTime(), gc0 = Heap.gcNanos();
            return keyed(task.run(), 1, t0, gc0, times);
        }
    }

    /**
     * Stage 1 from a witness batch's output: its constraints' A·z and B·z, which start at row
     * firstRow + from · rowsPerSample (from: the batch's first sample).
     */
    public static final class Evaluations implements PairFlatMapFunction<WitnessBatch.Output, Integer, QuotientStages.Part> {
        private static final long serialVersionUID = 1L;

        final int parts, logN, firstRow, rowsPerSample;
        final CollectionAccumulator<long[]> times;

        public Evaluations(int parts, int logN, int firstRow, int rowsPerSample, CollectionAccumulator<long[]> times) {
            this.parts = parts;
            this.logN = logN;
            this.firstRow = firstRow;
            this.rowsPerSample = rowsPerSample;
            this.times = times;
        }

        @Override
        public Iterator<Tuple2<Integer, QuotientStages.Part>> call(WitnessBatch.Output batch) {
            long t0 = System.nanoTime(), gc0 = Heap.gcNanos();
            if (batch.evaluations.length != 8L * (batch.to - batch.from) * rowsPerSample) {
                throw new IllegalStateException("the batch of samples " + batch.from + "–" + batch.to + " brought "
                        + batch.evaluations.length / 8 + " constraints' evaluations, not " + (batch.to - batch.from)
                        * rowsPerSample);
            }
            return keyed(QuotientStages.evaluations(TaskContext.getPartitionId(), parts, logN,
                    firstRow + batch.from * rowsPerSample, batch.evaluations), 1, t0, gc0, times);
        }
    }

    /** A witness batch's output without its evaluations: what the driver collects. */
    public static final class Summary implements org.apache.spark.api.java.function.Function<WitnessBatch.Output,
            WitnessBatch.Output> {
        private static final long serialVersionUID = 1L;

        @Override
        public WitnessBatch.Output call(WitnessBatch.Output batch) {
            return batch.summary();
        }
    }

    /** Stages 2 to 4 on the parts received. */
    public static final class Pass
            implements PairFlatMapFunction<Iterator<Tuple2<Integer, QuotientStages.Part>>, Integer, QuotientStages.Part> {
        private static final long serialVersionUID = 1L;

        final int pass, logN, parts;
        final int[] hFrom, hTo;
        final CollectionAccumulator<long[]> times;

        /** Pass 1 (stage 2), 2 (stage 3) or 3 (stage 4, sending to the chunks [hFrom[k], hTo[k])). */
        public Pass(int pass, int logN, int parts, int[] hFrom, int[] hTo, CollectionAccumulator<long[]> times) {
            if (pass < 1 || pass > 3) {
                throw new IllegalArgumentException("pass " + pass);
            }
            this.pass = pass;
            this.logN = logN;
            this.parts = parts;
            this.hFrom = hFrom;
            this.hTo = hTo;
            this.times = times;
        }

        @Override
        public Iterator<Tuple2<Integer, QuotientStages.Part>> call(Iterator<Tuple2<Integer, QuotientStages.Part>> in) {
            long t0 = System.nanoTime(), gc0 = Heap.gcNanos();
            int part = TaskContext.getPartitionId();
            Iterator<QuotientStages.Part> v = values(in);
            return keyed(switch (pass) {
                case 1 -> QuotientStages.columns(logN, parts, part, v);
                case 2 -> QuotientStages.rows(logN, parts, part, v);
                default -> QuotientStages.coset(logN, parts, part, v, hFrom, hTo);
            }, pass + 1, t0, gc0, times);
        }
    }

    /** The MSM stage: a chunk's task with the values of A·B − C the last exchange brought it. */
    public static final class Msm
            implements FlatMapFunction2<Iterator<PartialMsm>, Iterator<Tuple2<Integer, QuotientStages.Part>>, PartialMsm.Output> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<PartialMsm.Output> call(Iterator<PartialMsm> tasks, Iterator<Tuple2<Integer, QuotientStages.Part>> in)
                throws Exception {
            PartialMsm t = tasks.next();
            long[] q = QuotientStages.slice(t.hFrom(), t.hTo(), values(in));
            return List.of(t.run(TaskContext.get().attemptNumber(), q)).iterator();
        }
    }

    /** The MSM stage when the driver computed the quotient and each task carries its values. */
    public static final class MsmWithQuotient implements org.apache.spark.api.java.function.Function<PartialMsm, PartialMsm.Output> {
        private static final long serialVersionUID = 1L;

        @Override
        public PartialMsm.Output call(PartialMsm t) throws Exception {
            return t.run(TaskContext.get().attemptNumber());
        }
    }
}
