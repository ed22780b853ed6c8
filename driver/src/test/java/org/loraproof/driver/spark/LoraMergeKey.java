package org.loraproof.driver.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.loraproof.circuit.groth16.Groth16Prover;
import org.loraproof.circuit.groth16.Groth16Setup;
import org.loraproof.circuit.groth16.ProvingKey;
import org.loraproof.circuit.groth16.SnarkjsJson;
import org.loraproof.circuit.groth16.ZkeyFile;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.LoraInstances;
import org.loraproof.circuit.lora.LoraMergeCircuit;
import org.loraproof.circuit.lora.LoraMergeShape;
import org.loraproof.circuit.r1cs.R1csBuilder;
import org.loraproof.circuit.r1cs.SectionedFile;
import org.loraproof.circuit.r1cs.WtnsFile;
import org.loraproof.storage.KeyChunks;

/**
 * The lora-merge circuit at a small size (6×5, rank 2, 3 samples) as a snarkjs key with a chunk
 * index and a witness file, and its serial proof's bytes under the tests' fixed blinding.
 */
record LoraMergeKey(Path key, Path witness, String serialProof) {
    static LoraMergeKey write(Path dir, int chunks) throws Exception {
        LoraMergeShape shape = new LoraMergeShape(6, 5, 2, 3, new FixedPointParams(16, 24, 4));
        R1csBuilder b = new R1csBuilder();
        LoraMergeCircuit.synthesize(b, shape, LoraInstances.instance(shape, 11));
        ProvingKey pk = Groth16Setup.generate(b.r1cs());
        Path key = dir.resolve("lora-merge.zkey"), wtns = dir.resolve("lora-merge.wtns");
        ZkeyFile.write(pk, key);
        Files.write(wtns, WtnsFile.toBytes(b.assignment()));
        try (SectionedFile f = SectionedFile.open(key, "zkey")) {
            Files.write(Path.of(KeyChunks.indexOf(key.toString())), KeyChunks.of(f, chunks).toJson());
        }
        String serial = bytes(Groth16Prover.prove(pk, b.assignment(), SparkGroth16Test.R, SparkGroth16Test.S, null));
        return new LoraMergeKey(key, wtns, serial);
    }

    static String bytes(org.loraproof.circuit.groth16.Proof p) {
        return SnarkjsJson.proof(p).toString();
    }
}
