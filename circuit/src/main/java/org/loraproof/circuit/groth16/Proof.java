package org.loraproof.circuit.groth16;

import org.loraproof.circuit.bn254.G1Point;
import org.loraproof.circuit.bn254.G2Point;

/** A Groth16 proof (A ∈ G1, B ∈ G2, C ∈ G1). */
public record Proof(G1Point a, G2Point b, G1Point c) {
    /** EIP-197 byte order: A ‖ B ‖ C (256 bytes), as a Solidity verifier takes it. */
    public byte[] toEip197() {
        byte[] out = new byte[256];
        System.arraycopy(a.toEip196(), 0, out, 0, 64);
        System.arraycopy(b.toEip197(), 0, out, 64, 128);
        System.arraycopy(c.toEip196(), 0, out, 192, 64);
        return out;
    }
}
