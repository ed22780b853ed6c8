package org.loraproof.circuit.bn254;

import java.math.BigInteger;

/** Parameters of the BN254 (alt_bn128) curve, as in EIP-196/197 and snarkjs. */
public final class Bn254 {
    /** Base field modulus p = 36x⁴ + 36x³ + 24x² + 6x + 1. */
    public static final BigInteger P = new BigInteger(
            "21888242871839275222246405745257275088696311157297823662689037894645226208583");
    /** Group order and scalar field modulus r = 36x⁴ + 36x³ + 18x² + 6x + 1. */
    public static final BigInteger R = new BigInteger(
            "21888242871839275222246405745257275088548364400416034343698204186575808495617");
    /** The BN parameter x. */
    public static final BigInteger X = new BigInteger("4965661367192848881");

    private Bn254() {
    }
}
