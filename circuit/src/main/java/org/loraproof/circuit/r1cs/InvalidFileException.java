package org.loraproof.circuit.r1cs;

/** A file that cannot be read: the message names the file and the problem. */
public final class InvalidFileException extends IllegalArgumentException {
    public InvalidFileException(String message) {
        super(message);
    }
}
