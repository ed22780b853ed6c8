package org.loraproof.driver.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.groth16.Groth16Setup;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.Quantizer;
import org.loraproof.circuit.lora.TensorCommitment;
import org.loraproof.circuit.lora.UpdateCircuit;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import org.loraproof.storage.Commitment;
import org.loraproof.storage.InvalidModelException;
import org.loraproof.storage.PeftAdapter;
import org.loraproof.storage.PublishedModels;
import org.loraproof.storage.Safetensors;

/**
 * The update statements on one machine: {@code lora-update} (a PEFT adapter before and after one
 * SGD step, and its gradients) and {@code sgd-update} (a weight matrix before and after, and its
 * gradient). Commit, set up, prove; verification is shared with lora-merge.
 */
public final class UpdateJob {
    private final ArtifactStore store;
    private final CircuitArtifacts circuits;
    private final PublishedModels models;

    public UpdateJob(ArtifactStore store, PrintWriter progress) {
        this(store, progress, null);
    }

    public UpdateJob(ArtifactStore store, PrintWriter progress, org.loraproof.driver.spark.SparkSettings spark) {
        this.store = store;
        this.circuits = new CircuitArtifacts(store, progress, spark);
        this.models = new PublishedModels(store);
    }

    /**
     * Where the tensors are. For lora-update, before and after are PEFT adapter directories and
     * gradients a safetensors file with the adapter's tensor names; for sgd-update all three are
     * safetensors files holding {@code tensor}.
     */
    public record Sources(String statement, String before, String after, String gradients, String tensor, String layer,
            FixedPointParams params) {
    }

    private record Loaded(UpdateCircuit.Shape shape, List<long[]> before, List<long[]> grad, List<long[]> after) {
    }

    private Loaded load(Sources s) throws IOException {
        FixedPointParams p = s.params();
        if (s.statement().equals("lora-update")) {
            PeftAdapter before = PeftAdapter.open(s.before(), s.layer(), store.conf());
            PeftAdapter after = PeftAdapter.open(s.after(), before.layer(), store.conf());
            if (after.rank() != before.rank() || after.dIn() != before.dIn() || after.dOut() != before.dOut()) {
                throw new InvalidModelException(s.after() + ": the adapter after the step has another shape than before");
            }
            UpdateCircuit.Shape shape = UpdateCircuit.loraUpdate(before.dOut(), before.dIn(), before.rank(), p);
            List<long[]> b = new ArrayList<>(), g = new ArrayList<>(), a = new ArrayList<>();
            for (String t : List.of(before.aTensor(), before.bTensor())) {
                b.add(read(before.weightsUri(), t, p, null));
                a.add(read(after.weightsUri(), t, p, null));
                g.add(read(s.gradients(), t, p, null));
            }
            return new Loaded(shape, b, g, a);
        }
        int[] dims = new int[2];
        long[] b = read(s.before(), s.tensor(), p, dims);
        UpdateCircuit.Shape shape = UpdateCircuit.sgdUpdate(dims[0], dims[1], p);
        return new Loaded(shape, List.of(b), List.of(read(s.gradients(), s.tensor(), p, dims)),
                List.of(read(s.after(), s.tensor(), p, dims)));
    }

    /** Reads and quantizes a matrix; with {@code dims} set, checks its shape against them. */
    private long[] read(String uri, String tensor, FixedPointParams p, int[] dims) throws IOException {
        try (Safetensors st = Safetensors.open(uri, store.conf())) {
            int[] shape = st.matrixShape(tensor);
            if (dims != null) {
                if (dims[0] == 0) {
                    dims[0] = shape[0];
                    dims[1] = shape[1];
                } else if (dims[0] != shape[0] || dims[1] != shape[1]) {
                    throw new InvalidModelException(uri + ": " + tensor + " is " + shape[0] + " × " + shape[1]
                            + ", expected " + dims[0] + " × " + dims[1]);
                }
            }
            return Quantizer.quantize(st.read(tensor), shape, uri + ": " + tensor, p);
        }
    }

    private static List<List<TensorCommitment>> commit(Loaded l, Map<String, Fr> blinds) {
        List<List<TensorCommitment>> groups = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<List<long[]>> values = List.of(l.before(), l.grad(), l.after());
        String[] prefix = {"before.", "grad.", "after."};
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < l.shape().tensors().size(); i++) {
                UpdateCircuit.Tensor t = l.shape().tensors().get(i);
                groups.get(k).add(TensorCommitment.commit(values.get(k).get(i), t.rows(), t.cols(), t.layout(),
                        l.shape().params(), blinds.get(prefix[k] + t.name())));
            }
        }
        return groups;
    }

    public Commitment.Update commit(String model, Sources s, boolean replace) throws IOException {
        PublishedModels.plainName("model", model);
        if (!replace) {
            models.requireNew(model);
        }
        circuits.say("committing %s (%s): reading and quantizing the tensors", model, s.statement());
        Loaded l = load(s);
        SecureRandom rng = Groth16Setup.drbg();
        Map<String, Fr> blinds = new java.util.LinkedHashMap<>();
        for (String g : List.of("before.", "grad.", "after.")) {
            for (UpdateCircuit.Tensor t : l.shape().tensors()) {
                blinds.put(g + t.name(), Fr.randomNonZero(rng));
            }
        }
        List<List<TensorCommitment>> c = commit(l, blinds);
        Map<String, Fr> published = new java.util.LinkedHashMap<>();
        List<String> names = l.shape().publicInputs();
        int n = 0;
        for (List<TensorCommitment> group : c) {
            for (TensorCommitment t : group) {
                published.put(names.get(n++), t.commitment());
            }
        }
        Commitment.Update doc = Commitment.Update.of(model, l.shape(), new Commitment.UpdateSources(s.before(), s.after(),
                s.gradients(), s.tensor(), s.layer()), published);
        models.publish(doc, blinds, null, replace);
        circuits.say("committed: %s", store.resolve(PublishedModels.currentPath(model)));
        return doc;
    }

    public String setup(Commitment.Update commitment) throws IOException {
        return circuits.setup(new Statement.Update(commitment.shape()));
    }

    public String prove(String model, double learningRate) throws IOException {
        long t0 = System.nanoTime();
        PublishedModels.Published published = models.current(model);
        if (!(published.commitment() instanceof Commitment.Update commitment)) {
            throw new IllegalArgumentException("model " + model + " is a " + published.commitment().statement()
                    + " statement, not an update");
        }
        UpdateCircuit.Shape shape = commitment.shape();
        Statement.Update statement = new Statement.Update(shape);
        circuits.requireSetUp(statement.circuitId(), "run loraproof setup --model " + model);
        FixedPointParams p = shape.params();
        Commitment.UpdateSources src = commitment.sources();
        Sources s = new Sources(shape.statement(), src.before(), src.after(), src.gradients(), src.tensor(), src.layer(),
                p);
        Loaded l = load(s);

        Map<String, Fr> blinds = models.opening(published).blinds();
        List<List<TensorCommitment>> c = commit(l, blinds);
        long eta = Quantizer.quantize(learningRate, p);
        UpdateCircuit.Witness w = new UpdateCircuit.Witness(l.before(), l.grad(), l.after(), c.get(0), c.get(1), c.get(2), eta);
        List<Fr> pub = w.publicInputs();
        List<String> names = shape.publicInputs();
        for (int i = 0; i < names.size() - 1; i++) {
            if (!pub.get(i).equals(commitment.publicInputs().get(names.get(i)))) {
                throw new IllegalArgumentException("the tensor behind " + names.get(i) + " no longer matches the commitment of model '"
                        + model + "' (were the files changed after loraproof commit?)");
            }
        }
        long t1 = System.nanoTime();
        String id = model + "-" + shape.statement() + "-" + Long.toHexString(System.currentTimeMillis());
        ObjectNode meta = Artifacts.JSON.createObjectNode();
        meta.put("model", model);
        meta.put("commitment", published.sha256());
        meta.put("learningRate", learningRate);
        meta.put("eta_q", eta);
        circuits.say("computing the witness for every value of %d tensor(s)", shape.tensors().size());
        return circuits.prove(id, statement, pub, cs -> UpdateCircuit.synthesize(cs, shape, w), meta, t0, t1 - t0);
    }
}
