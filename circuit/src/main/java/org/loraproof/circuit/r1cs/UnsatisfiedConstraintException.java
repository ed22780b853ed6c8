package org.loraproof.circuit.r1cs;

/** A witness fails a constraint; the message names it (never the values). */
public final class UnsatisfiedConstraintException extends IllegalArgumentException {
    private final transient MockProver.Failure failure;

    public UnsatisfiedConstraintException(MockProver.Failure failure) {
        super("witness does not satisfy constraint " + failure.name() + " (index " + failure.index() + ")");
        this.failure = failure;
    }

    /** The failure with the values of A·z, B·z and C·z, for debugging. */
    public MockProver.Failure failure() {
        return failure;
    }

    public String constraintName() {
        return failure.name();
    }
}
