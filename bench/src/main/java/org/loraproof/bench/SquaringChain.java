package org.loraproof.bench;

import java.nio.file.Path;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.r1cs.LinearCombination;
import org.loraproof.circuit.r1cs.R1csBuilder;
import org.loraproof.circuit.r1cs.R1csFile;
import org.loraproof.circuit.r1cs.WtnsFile;

/**
 * Writes a circom-style benchmark circuit: public x, then y₁ = x², yᵢ₊₁ = yᵢ² for n constraints,
 * as {@code .r1cs} and {@code .wtns}. Usage: {@code SquaringChain <n> <out.r1cs> <out.wtns>}.
 */
public final class SquaringChain {
    private SquaringChain() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        R1csBuilder b = new R1csBuilder();
        LinearCombination y = b.publicInput("x", () -> Fr.of(3));
        for (int i = 0; i < n; i++) {
            LinearCombination prev = y;
            LinearCombination next = b.witness("y", () -> b.value(prev).square());
            b.enforce("square", prev, prev, next);
            y = next;
        }
        R1csFile.of(b.r1cs()).write(Path.of(args[1]));
        WtnsFile.write(Path.of(args[2]), b.assignment());
    }
}
