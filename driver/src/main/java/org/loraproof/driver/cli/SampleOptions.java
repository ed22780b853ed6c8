package org.loraproof.driver.cli;

import org.loraproof.circuit.lora.SamplePositions;
import picocli.CommandLine.Option;

/** k, the positions a lora-merge proof samples: given, or the k that detects a fraction ε with probability p. */
final class SampleOptions {
    @Option(names = "--samples", paramLabel = "<k>", description = "lora-merge: k, positions per proof")
    Integer samples;
    @Option(names = "--detect", paramLabel = "<ε:p>", description = "lora-merge: the smallest k that catches a fraction "
            + "ε of wrong merged weights with probability at least p, 1 − (1 − ε)^k ≥ p; e.g. 0.01:0.99 (k = 459)")
    String detect;

    /** k, or {@code otherwise} when neither option is given. */
    Integer k(Integer otherwise) {
        if (samples != null && detect != null) {
            throw new IllegalArgumentException("give --samples or --detect, not both");
        }
        if (samples != null) {
            if (samples < 1) {
                throw new IllegalArgumentException("--samples must be at least 1");
            }
            return samples;
        }
        if (detect != null) {
            return parse(detect);
        }
        return otherwise;
    }

    /** The k of {@code ε:p}. */
    static int parse(String detect) {
        String[] f = detect.split(":");
        try {
            if (f.length == 2) {
                return SamplePositions.samplesFor(Double.parseDouble(f[0].trim()), Double.parseDouble(f[1].trim()));
            }
        } catch (NumberFormatException e) {
            // the line below
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--detect " + detect + ": " + e.getMessage());
        }
        throw new IllegalArgumentException("--detect takes ε:p, two numbers between 0 and 1, e.g. 0.01:0.99; got '" + detect
                + "'");
    }
}
