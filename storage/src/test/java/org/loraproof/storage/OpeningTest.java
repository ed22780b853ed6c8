package org.loraproof.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.merkle.BlockedTree;

/**
 * An opening reads back as written, and no value of it (blinds, roots, digests) appears in its
 * toString or in the error a damaged one gives.
 */
class OpeningTest {
    static final String BLIND = "123456789012345678901234567890";

    static Opening opening() {
        Map<String, Fr> blinds = new LinkedHashMap<>();
        blinds.put("base", Fr.ZERO);
        blinds.put("eff", Fr.parse(BLIND));
        BlockedTree plan = BlockedTree.plan(42, 2, 4);
        Opening.Tree[] t = new Opening.Tree[2];
        for (int k = 0; k < 2; k++) {
            t[k] = new Opening.Tree(List.of(Fr.of(1000 + k), Fr.of(2000 + k)), List.of(new Opening.NodeFile(64, "aa" + k),
                    new Opening.NodeFile(32, "bb" + k)), new Opening.ModelFile("file:/w" + k, 999, 1234, List.of(
                            new Opening.ReadRange(0, 100, "cc" + k), new Opening.ReadRange(100, 68, "dd" + k))));
        }
        return new Opening("m", "ab".repeat(32), blinds, new Opening.Trees("models/m/trees/x", plan, t[0], t[1]));
    }

    @Test
    void readsBackWhatItWrites() {
        Opening o = opening();
        Opening back = Opening.read(o.toBytes(), "o.bin");
        assertEquals(o, back);
        assertArrayEquals(o.toBytes(), back.toBytes());
        assertEquals(List.of(Fr.of(1001), Fr.of(2001)), back.trees().of("eff").blockRoots());
        Opening bare = new Opening("u", "cd".repeat(32), Map.of("before.A", Fr.of(5)), null);
        assertNull(Opening.read(bare.toBytes(), "u.bin").trees());
        String text = new String(o.toBytes(), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"eff\" : \"" + BLIND + "\""), "blinds as decimal strings");
        assertTrue(text.indexOf("\"trees\"") < text.indexOf("\"inputs\""), text);
    }

    @Test
    void noValueAppearsInToStringOrErrors() {
        Opening o = opening();
        for (String s : List.of(o.toString(), o.trees().toString(), o.trees().base().toString(),
                o.trees().base().input().toString(), o.trees().base().nodeFiles().toString())) {
            assertFalse(s.contains(BLIND) || s.contains("1000") || s.contains("aa0") || s.contains("cc0"), s);
        }
        assertTrue(o.toString().contains("2 blinds"), o.toString());
        String text = new String(o.toBytes(), StandardCharsets.UTF_8);
        String bad = text.replace(BLIND, BLIND.substring(0, 5) + "x" + BLIND.substring(6));
        String e = assertThrows(IllegalArgumentException.class,
                () -> Opening.read(bad.getBytes(StandardCharsets.UTF_8), "o.bin")).getMessage();
        assertEquals("o.bin: blind 'eff' is not a field element (its value is private and not shown)", e);
        String truncated = text.substring(0, text.indexOf(BLIND) + 10);
        e = assertThrows(IllegalArgumentException.class,
                () -> Opening.read(truncated.getBytes(StandardCharsets.UTF_8), "o.bin")).getMessage();
        assertTrue(e.startsWith("o.bin: ") && !e.contains(BLIND.substring(0, 10)), e);
        String root = text.replace("\"1000\"", "\"r\"");
        e = assertThrows(IllegalArgumentException.class,
                () -> Opening.read(root.getBytes(StandardCharsets.UTF_8), "o.bin")).getMessage();
        assertEquals("o.bin: trees.base.roots[0] is missing or not a field element", e);
        e = assertThrows(IllegalArgumentException.class, () -> Opening.read(text.replace("\"version\" : 1",
                "\"version\" : 9").getBytes(StandardCharsets.UTF_8), "o.bin")).getMessage();
        assertTrue(e.contains("version 9 is newer"), e);
        e = assertThrows(IllegalArgumentException.class, () -> Opening.read(text.replace("loraproof-opening",
                "loraproof-commitment").getBytes(StandardCharsets.UTF_8), "o.bin")).getMessage();
        assertEquals("o.bin: not a readable opening (its content is private and not shown)", e);
    }
}
