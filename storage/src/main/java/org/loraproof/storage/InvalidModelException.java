package org.loraproof.storage;

/** A model file that cannot be used: the message names the file and the problem. */
public final class InvalidModelException extends IllegalArgumentException {
    public InvalidModelException(String message) {
        super(message);
    }
}
