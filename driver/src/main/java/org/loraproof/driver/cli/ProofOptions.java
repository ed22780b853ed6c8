package org.loraproof.driver.cli;

import org.loraproof.driver.jobs.LoraMergeJob;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a lora-merge proof takes on {@code prove} and {@code audit}: k (or a detection goal), τ and the batch size. */
final class ProofOptions {
    @Mixin
    SampleOptions samples = new SampleOptions(); // default: the k of the circuit set up for the model's shape
    @Option(names = "--tolerance", description = "τ in units of the last place (default: the model's, as committed)")
    Long tau;
    @Option(names = "--batch", defaultValue = "0", description = "lora-merge: samples per witness task (default "
            + LoraMergeJob.DEFAULT_BATCH + ")")
    int batch;
}
