package org.loraproof.executors;

import java.io.Serializable;

/**
 * The outcome of verifying one proof artifact, as a verification task returns it to the driver:
 * the proof's URI and SHA-256, whether it verified and why not, its statement, model and circuit, the
 * verification key's SHA-256, the commitment it was checked against (and whether that is the model's
 * current one), k (0 when none), who chose the nonce ({@link #NONCE_GIVEN}, {@link #NONCE_DRAWN},
 * {@link #NONCE_PROVER}; null without one), the seconds it took, and whether an earlier report's
 * verdict was taken for the pairing check. A plain class, not a record: Kryo sets its fields.
 */
public final class ProofVerdict implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The nonce is the one the verifier was given ({@code --nonce}, or an audit's own draw). */
    public static final String NONCE_GIVEN = "given";
    /** The nonce is one {@code challenge} drew and recorded after the commitment was published. */
    public static final String NONCE_DRAWN = "drawn";
    /**
     * The nonce is the prover's choice: a prover who tries nonces until the positions miss its wrong
     * weights can pass, so the proof shows the positions it opened, not an audit.
     */
    public static final String NONCE_PROVER = "prover's choice";

    private final String proof;
    private final boolean valid;
    private final String reason;
    private final String statement;
    private final String model;
    private final String circuit;
    private final String sha256;
    private final String vkSha256;
    private final String commitment;
    private final boolean currentCommitment;
    private final int samples;
    private final String nonce;
    private final double seconds;
    private final boolean skipped;

    public ProofVerdict(String proof, boolean valid, String reason, String statement, String model, String circuit,
            String sha256, String vkSha256, String commitment, boolean currentCommitment, int samples, String nonce,
            double seconds, boolean skipped) {
        this.proof = proof;
        this.valid = valid;
        this.reason = reason;
        this.statement = statement;
        this.model = model;
        this.circuit = circuit;
        this.sha256 = sha256;
        this.vkSha256 = vkSha256;
        this.commitment = commitment;
        this.currentCommitment = currentCommitment;
        this.samples = samples;
        this.nonce = nonce;
        this.seconds = seconds;
        this.skipped = skipped;
    }

    public String proof() {
        return proof;
    }

    public boolean valid() {
        return valid;
    }

    public String reason() {
        return reason;
    }

    public String statement() {
        return statement;
    }

    public String model() {
        return model;
    }

    public String circuit() {
        return circuit;
    }

    public String sha256() {
        return sha256;
    }

    public String vkSha256() {
        return vkSha256;
    }

    public String commitment() {
        return commitment;
    }

    public boolean currentCommitment() {
        return currentCommitment;
    }

    public int samples() {
        return samples;
    }

    public String nonce() {
        return nonce;
    }

    public double seconds() {
        return seconds;
    }

    public boolean skipped() {
        return skipped;
    }

    /** Whether the sampled positions were the verifier's choice, so the detection probabilities hold. */
    public boolean verifierChoseNonce() {
        return NONCE_GIVEN.equals(nonce) || NONCE_DRAWN.equals(nonce);
    }

    @Override
    public String toString() {
        return (valid ? "verified " : "failed ") + proof + (reason == null ? "" : ": " + reason);
    }
}
