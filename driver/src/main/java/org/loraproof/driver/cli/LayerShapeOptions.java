package org.loraproof.driver.cli;

import picocli.CommandLine.Option;

/** The shape of a synthetic layer: rows, columns and LoRA rank (BERT-base-like by default). */
final class LayerShapeOptions {
    @Option(names = "--dout", defaultValue = "768", description = "rows of the layer (default ${DEFAULT-VALUE})")
    int dOut;
    @Option(names = "--din", defaultValue = "768", description = "columns of the layer (default ${DEFAULT-VALUE})")
    int dIn;
    @Option(names = "--rank", defaultValue = "16", description = "LoRA rank r (default ${DEFAULT-VALUE})")
    int rank;
}
