package org.loraproof.driver.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.loraproof.executors.ProofVerdict;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;

/**
 * What a run of {@code verify <prefix>} found: {@code report.json} (format
 * loraproof-verification-report: per proof its URI, SHA-256, statement, model, circuit, verification
 * key's SHA-256, result, reason and time) and {@code report.md} (counts, failures first, the
 * detection probabilities of the models covered), each written atomically into one folder. An
 * audit's report also records the audit: model, nonce, when the nonce was drawn and the commitment
 * written, k, detection probabilities and result.
 */
public record VerifyReport(String prefix, Instant created, List<ProofVerdict> verdicts, double seconds, String master,
        int executors, String since, Audit audit) {

    /** What an audit challenged and found (null in a verification run). */
    public record Audit(String model, LoraMergeJob.AuditNonce nonce, int samples, boolean valid) {
        public double detection(double epsilon) {
            return 1 - Math.pow(1 - epsilon, samples);
        }
    }

    public void write(String folder, Configuration conf) throws IOException {
        ArtifactStore.writeUri(ArtifactStore.child(folder, "report.json"), conf, Artifacts.bytes(json()));
        ArtifactStore.writeUri(ArtifactStore.child(folder, "report.md"), conf, markdown().getBytes(StandardCharsets.UTF_8));
    }

    long failed() {
        return verdicts.stream().filter(v -> !v.valid()).count();
    }

    ObjectNode json() {
        ObjectNode doc = Artifacts.document(Artifacts.REPORT);
        doc.put("prefix", prefix);
        doc.put("created", created.toString());
        doc.put("proofs", verdicts.size());
        doc.put("failed", failed());
        doc.put("verifiedBefore", verdicts.stream().filter(ProofVerdict::skipped).count());
        doc.put("seconds", seconds);
        doc.put("master", master);
        doc.put("executors", executors);
        doc.put("since", since);
        if (audit != null) {
            ObjectNode a = doc.putObject("audit");
            a.put("model", audit.model());
            a.put("nonce", audit.nonce().nonce().toString());
            a.put("nonceDrawn", audit.nonce().drawn().toString());
            a.put("commitmentWritten", audit.nonce().published().toString());
            a.put("samples", audit.samples());
            ObjectNode p = a.putObject("detectionProbability");
            p.put("epsilon=1%", audit.detection(0.01));
            p.put("epsilon=0.1%", audit.detection(0.001));
            a.put("result", audit.valid() ? "verified" : "failed");
        }
        ArrayNode results = doc.putArray("results");
        for (ProofVerdict v : verdicts) {
            ObjectNode r = results.addObject();
            r.put("proof", v.proof());
            r.put("sha256", v.sha256());
            r.put("statement", v.statement());
            r.put("model", v.model());
            r.put("circuit", v.circuit());
            r.put("verificationKeySha256", v.vkSha256());
            r.put("commitmentSha256", v.commitment());
            r.put("currentCommitment", v.currentCommitment());
            r.put("valid", v.valid());
            r.put("result", v.valid() ? (v.skipped() ? "verified before" : "verified") : "failed");
            r.put("reason", v.reason());
            if (v.nonce() != null) {
                r.put("nonce", v.nonce());
            }
            if (v.samples() > 0) {
                r.put("samples", v.samples());
                ObjectNode d = r.putObject("detectionProbability");
                d.put("epsilon=1%", 1 - Math.pow(0.99, v.samples()));
                d.put("epsilon=0.1%", 1 - Math.pow(0.999, v.samples()));
            }
            r.put("seconds", v.seconds());
        }
        return doc;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(audit == null ? "# Verification of " : "# Audit of ").append(audit == null ? prefix : audit.model())
                .append("\n\n");
        if (audit != null) {
            md.append(String.format(Locale.ROOT, "Nonce %s, drawn %s (commitment written %s); k = %d positions, which catch "
                    + "1 %% wrong merged weights with probability %.4f and 0.1 %% with %.4f. Result: **%s**.%n%n",
                    audit.nonce().nonce(), audit.nonce().drawn(), audit.nonce().published(), audit.samples(),
                    audit.detection(0.01), audit.detection(0.001), audit.valid() ? "verified" : "FAILED"));
        }
        md.append(String.format(Locale.ROOT, "%s · %d proofs · %d verified · %d failed · %.1f s%s%n%n", created,
                verdicts.size(), verdicts.size() - failed(), failed(), seconds,
                master == null ? "" : " · " + master + ", " + executors + " executor(s)"));
        List<ProofVerdict> ordered = new ArrayList<>(verdicts);
        ordered.sort((a, b) -> Boolean.compare(a.valid(), b.valid())); // failures first, stable otherwise
        md.append("| result | proof | model | statement | reason |\n|---|---|---|---|---|\n");
        for (ProofVerdict v : ordered) {
            md.append("| ").append(v.valid() ? (v.skipped() ? "verified before" : "verified") : "**FAILED**").append(" | ")
                    .append(cell(v.proof())).append(" | ").append(cell(v.model()))
                    .append(v.commitment() == null || v.currentCommitment() ? ""
                            : " (replaced commitment " + v.commitment().substring(0, 12) + ")").append(" | ").append(cell(v.statement()))
                    .append(" | ").append(cell(v.reason())).append(" |\n");
        }
        Map<String, Integer> models = new TreeMap<>();
        for (ProofVerdict v : verdicts) {
            if (v.valid() && v.model() != null && v.samples() > 0 && v.verifierChoseNonce() && v.currentCommitment()) {
                models.merge(v.model(), v.samples(), Math::min);
            }
        }
        if (!models.isEmpty()) {
            md.append("\n## Detection\n\nThe chance that a verified proof would have caught a fraction ε of wrong merged "
                    + "weights, 1 − (1 − ε)^k, for the smallest k among each model's verified proofs of its current "
                    + "commitment whose nonce the verifier chose (given, or drawn by challenge after the commitment). "
                    + "A prover who chose its own nonce could have tried nonces until the positions missed its wrong "
                    + "weights: such proofs are not counted.\n\n");
            md.append("| model | k | ε = 1 % | ε = 0.1 % |\n|---|---|---|---|\n");
            models.forEach((m, k) -> md.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f |%n", cell(m), k,
                    1 - Math.pow(0.99, k), 1 - Math.pow(0.999, k))));
        }
        return md.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
