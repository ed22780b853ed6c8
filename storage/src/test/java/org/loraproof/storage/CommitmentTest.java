package org.loraproof.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.UpdateCircuit;

/**
 * A commitment reads back as written, in the bytes commits have always written (its SHA-256 names
 * it); commitments older than the statement and tolerance fields read as lora-merge with τ = 1; a
 * foreign, newer or incomplete document is refused naming the file and the field.
 */
class CommitmentTest {
    static final FixedPointParams P = new FixedPointParams(16, 24, 4);

    static Commitment.LoraMerge merge() {
        Map<String, Fr> pub = new LinkedHashMap<>();
        Map<String, Commitment.Tensor> tensors = new LinkedHashMap<>();
        String[] names = {"base", "eff", "A", "B"};
        for (int i = 0; i < 4; i++) {
            pub.put("C_" + names[i], Fr.of(10 + i));
            tensors.put(names[i], new Commitment.Tensor(Fr.of(10 + i), i == 0 ? Fr.of(7) : null));
        }
        return new Commitment.LoraMerge("m", P, new Commitment.MergeSources("file:/b", "file:/m", "file:/a/", "weight", null),
                8, 6, 2, 16.0, 1048576, 1, pub, tensors);
    }

    static final String MERGE_JSON = """
            {
              "format" : "loraproof-commitment",
              "version" : 1,
              "model" : "m",
              "params" : {
                "f" : 16,
                "V" : 24,
                "L" : 4
              },
              "sources" : {
                "base" : "file:/b",
                "merged" : "file:/m",
                "adapter" : "file:/a/",
                "tensor" : "weight",
                "layer" : ""
              },
              "shape" : {
                "dOut" : 8,
                "dIn" : 6,
                "rank" : 2
              },
              "scale" : 16.0,
              "s_q" : 1048576,
              "tolerance" : 1,
              "publicInputs" : {
                "C_base" : "10",
                "C_eff" : "11",
                "C_A" : "12",
                "C_B" : "13"
              },
              "statement" : "lora-merge",
              "commitments" : {
                "base" : {
                  "C" : "10",
                  "root" : "7",
                  "public" : true
                },
                "eff" : {
                  "C" : "11",
                  "root" : null,
                  "public" : false
                },
                "A" : {
                  "C" : "12",
                  "root" : null,
                  "public" : false
                },
                "B" : {
                  "C" : "13",
                  "root" : null,
                  "public" : false
                }
              }
            }""";

    static final String SGD_JSON = """
            {
              "format" : "loraproof-commitment",
              "version" : 1,
              "model" : "g",
              "statement" : "sgd-update",
              "params" : {
                "f" : 16,
                "V" : 24,
                "L" : 4
              },
              "shape" : {
                "statement" : "sgd-update",
                "dOut" : 3,
                "dIn" : 5,
                "params" : {
                  "f" : 16,
                  "V" : 24,
                  "L" : 4
                }
              },
              "sources" : {
                "before" : "file:/b",
                "after" : "file:/a",
                "gradients" : "file:/g",
                "tensor" : "weight",
                "layer" : ""
              },
              "publicInputs" : {
                "C_W" : "1",
                "C_gW" : "2",
                "C_W'" : "3"
              }
            }""";

    private static String text(Commitment c) {
        return new String(c.toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void readsBackWhatItWritesInTheBytesCommitsWrite() {
        Commitment.LoraMerge m = merge();
        assertEquals(MERGE_JSON, text(m));
        Commitment read = Commitment.read(m.toBytes(), "c.json");
        assertEquals(m, read);
        assertArrayEquals(m.toBytes(), read.toBytes());
        assertEquals(Commitment.LORA_MERGE, read.statement());
        assertEquals(new org.loraproof.circuit.lora.LoraMergeShape(8, 6, 2, 32, P), m.shape(32));

        UpdateCircuit.Shape shape = UpdateCircuit.sgdUpdate(3, 5, P);
        Map<String, Fr> pub = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            pub.put(shape.publicInputs().get(i), Fr.of(i + 1));
        }
        Commitment.Update g = Commitment.Update.of("g", shape, new Commitment.UpdateSources("file:/b", "file:/a", "file:/g",
                "weight", null), pub);
        assertEquals(SGD_JSON, text(g));
        assertEquals(g, Commitment.read(g.toBytes(), "g.json"));
        assertEquals(shape, g.shape());

        UpdateCircuit.Shape lora = UpdateCircuit.loraUpdate(8, 6, 2, P);
        Commitment.Update u = Commitment.Update.of("u", lora, new Commitment.UpdateSources("file:/b/", "file:/a/",
                "file:/g", null, "q_proj"), Map.of());
        Commitment.Update back = (Commitment.Update) Commitment.read(u.toBytes(), "u.json");
        assertEquals(u, back);
        assertEquals(lora, back.shape());
        assertEquals(8, back.dOut());
        assertEquals(2, back.rank());
    }

    @Test
    void commitmentsOlderThanTheStatementAndToleranceFieldsAreLoraMergeWithToleranceOne() throws Exception {
        ObjectNode doc = (ObjectNode) Artifacts.JSON.readTree(MERGE_JSON);
        doc.remove("statement");
        doc.remove("tolerance");
        Commitment.LoraMerge old = (Commitment.LoraMerge) Commitment.read(Artifacts.bytes(doc), "old.json");
        assertEquals(1, old.tolerance());
        assertEquals(merge().publicInputs(), old.publicInputs());
    }

    private static String refused(ObjectNode doc) {
        return assertThrows(IllegalArgumentException.class, () -> Commitment.read(Artifacts.bytes(doc), "c.json"))
                .getMessage();
    }

    @Test
    void aForeignNewerOrIncompleteCommitmentIsRefusedNamingTheFileAndTheField() throws Exception {
        ObjectNode doc = (ObjectNode) Artifacts.JSON.readTree(MERGE_JSON);
        assertTrue(refused(doc.deepCopy().put("format", "loraproof-proof")).startsWith("c.json: format 'loraproof-proof'"));
        assertTrue(refused(doc.deepCopy().put("version", 2)).contains("version 2 is newer"));
        ObjectNode noRank = doc.deepCopy();
        ((ObjectNode) noRank.get("shape")).remove("rank");
        assertEquals("c.json: shape.rank is missing or not an integer", refused(noRank));
        ObjectNode badC = doc.deepCopy();
        ((ObjectNode) badC.get("publicInputs")).put("C_A", "x");
        assertEquals("c.json: publicInputs.C_A is missing or not a field element", refused(badC));
        ObjectNode noB = doc.deepCopy();
        ((ObjectNode) noB.get("commitments")).remove("B");
        assertTrue(refused(noB).startsWith("c.json: commitments has [base, eff, A]"), refused(noB));
        assertTrue(refused(doc.deepCopy().put("statement", "other")).startsWith("c.json: unknown statement 'other'"));
        ObjectNode badParams = doc.deepCopy();
        ((ObjectNode) badParams.get("params")).put("f", 0);
        assertTrue(refused(badParams).startsWith("c.json: fractional bits"), refused(badParams));
        assertThrows(IllegalArgumentException.class, () -> Commitment.read("{".getBytes(StandardCharsets.UTF_8), "c.json"));
    }
}
