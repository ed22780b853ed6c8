package org.loraproof.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loraproof.circuit.Snarkjs;
import org.loraproof.storage.KeyChunks;

/**
 * {@code groth16 setup} with a chunk index, then {@code groth16 prove --master} with every file a
 * URI: snarkjs verifies the proof; a corrupt chunk fails in one line and writes no proof.
 */
class SparkCommandTest {
    private static String v(String f) {
        return org.loraproof.circuit.Vectors.file("snarkjs/" + f).toString();
    }

    @Test
    void aDistributedProofSnarkjsAcceptsAndACorruptChunkNamed(@TempDir Path dir) throws Exception {
        Path zkey = dir.resolve("mixed.zkey");
        CommandRun s = CommandRun.of("groth16", "setup", v("mixed.r1cs"), zkey.toString(), "--chunks", "3");
        assertEquals(0, s.exit(), s.err());
        KeyChunks index = KeyChunks.parse(Files.readAllBytes(Path.of(KeyChunks.indexOf(zkey.toString()))), "index");
        assertEquals(3, index.chunks().size());
        Path vk = dir.resolve("vk.json"), proof = dir.resolve("proof.json"), pub = dir.resolve("public.json");
        assertEquals(0, CommandRun.of("groth16", "export-vk", zkey.toString(), vk.toString()).exit());
        CommandRun p = CommandRun.of("groth16", "prove", zkey.toUri().toString(),
                Path.of(v("mixed.wtns")).toUri().toString(), proof.toUri().toString(), pub.toUri().toString(),
                "--master", "local[2]", "--conf", "spark.kryo.registrationRequired=true");
        assertEquals(0, p.exit(), p.err());
        assertTrue(p.err().contains("proved on 2 partitions"), p.err()); // local[2]'s parallelism, not the chunks
        assertTrue(index.chunks().stream().allMatch(c -> c.sections().size() == 5), "the sections' checksums");
        Snarkjs.Result ok = Snarkjs.run("groth16", "verify", vk.toString(), pub.toString(), proof.toString());
        assertTrue(ok.ok() && ok.output().contains("OK"), ok.output());

        // a flipped byte in the last chunk's H points: one line naming the chunk and its checksum, no proof
        byte[] bytes = Files.readAllBytes(zkey);
        bytes[bytes.length - 200] ^= 1; // H is the last point section, before the short contributions section
        Files.write(zkey, bytes);
        Files.delete(proof);
        CommandRun bad = CommandRun.of("groth16", "prove", zkey.toString(), v("mixed.wtns"),
                proof.toString(), pub.toString(), "--master", "local[1]");
        assertEquals(1, bad.exit());
        String line = bad.err().lines().filter(l -> l.startsWith("loraproof:")).findFirst().orElse(bad.err());
        assertTrue(line.contains("chunk 2's H") && line.contains("expected " + index.chunks().get(2).sections().get(4)),
                bad.err());
        assertFalse(Files.exists(proof));
    }
}
