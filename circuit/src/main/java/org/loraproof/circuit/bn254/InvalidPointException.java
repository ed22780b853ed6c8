package org.loraproof.circuit.bn254;

/** A point or field element that fails decoding or validation; the message names the reason. */
public final class InvalidPointException extends IllegalArgumentException {
    public InvalidPointException(String message) {
        super(message);
    }
}
