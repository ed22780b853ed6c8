package org.loraproof.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fold model's medians over repeats: each task's own median, its collections with it, against a hand count. */
class FoldModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode run(int partitions, double read, double[] tasks, double[] gc) {
        ObjectNode j = JSON.createObjectNode();
        j.put("partitions", partitions);
        j.put("readSeconds", read);
        j.put("quotientSeconds", 0.0);
        j.put("foldSeconds", 0.01);
        ObjectNode stage = ((ArrayNode) j.putArray("stages")).addObject();
        stage.put("name", "msm");
        ArrayNode each = stage.putArray("taskSeconds"), g = stage.putArray("gcSeconds");
        for (int i = 0; i < tasks.length; i++) {
            each.add(tasks[i]);
            g.add(gc[i]);
        }
        return j;
    }

    @Test
    void eachTaskTakesItsMedianOverTheRepeats() {
        List<ObjectNode> runs = new ArrayList<>();
        runs.add(run(3, 0.5, new double[] {1, 5, 3}, new double[] {0.1, 0.5, 0.3}));
        runs.add(run(1, 9.0, new double[] {7}, new double[] {0}));
        runs.add(run(3, 0.2, new double[] {2, 1, 9}, new double[] {0.2, 0.0, 0.9}));
        runs.add(run(3, 0.9, new double[] {4, 2, 4}, new double[] {0.4, 0.2, 0.4}));
        List<ObjectNode> m = Groth16Bench.medians(runs);
        assertEquals(2, m.size(), "one run per partition count");
        ObjectNode three = m.get(0);
        assertEquals(3, three.get("partitions").asInt());
        assertEquals(0.5, three.get("readSeconds").asDouble());
        var stage = three.get("stages").get(0);
        // task 0: 1, 2, 4 → 2; task 1: 5, 1, 2 → 2; task 2: 3, 9, 4 → 4 (each with its own run's collections)
        assertEquals(List.of(2.0, 2.0, 4.0), List.of(stage.get("taskSeconds").get(0).asDouble(),
                stage.get("taskSeconds").get(1).asDouble(), stage.get("taskSeconds").get(2).asDouble()));
        assertEquals(List.of(0.2, 0.2, 0.4), List.of(stage.get("gcSeconds").get(0).asDouble(),
                stage.get("gcSeconds").get(1).asDouble(), stage.get("gcSeconds").get(2).asDouble()));
        assertEquals(7.0, m.get(1).get("stages").get(0).get("taskSeconds").get(0).asDouble(), "a single run is itself");
    }
}
