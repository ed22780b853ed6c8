package org.loraproof.driver.spark;

import org.loraproof.circuit.groth16.PartialSums;

/**
 * Adds up the partial sums of a job's partitions, each exactly once: a partition's result that
 * arrives a second time (a speculative or retried task) is not added again.
 */
final class PartialSumsFold {
    private final PartialSums[] byPartition;

    PartialSumsFold(int partitions) {
        byPartition = new PartialSums[partitions];
    }

    /** Takes a partition's sums; returns false (and ignores them) when it already has that partition's. */
    boolean add(int partition, PartialSums sums) {
        if (byPartition[partition] != null) {
            return false;
        }
        byPartition[partition] = sums;
        return true;
    }

    /** The sum over all partitions, in partition order; fails naming a partition that never reported. */
    PartialSums result() {
        PartialSums total = PartialSums.zero();
        for (int k = 0; k < byPartition.length; k++) {
            if (byPartition[k] == null) {
                throw new IllegalStateException("partition " + k + " returned no result");
            }
            total = total.plus(byPartition[k]);
        }
        return total;
    }
}
