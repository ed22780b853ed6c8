package org.loraproof.circuit.bn254;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Ethereum BN254 precompiles with their byte-level rules: ECADD (0x06) and ECMUL (0x07) of
 * EIP-196, the pairing check (0x08) of EIP-197. Invalid input throws {@link InvalidPointException}.
 */
public final class Precompiles {
    private Precompiles() {
    }

    /** Right-pads with zeros or truncates to n bytes, as EIP-196 prescribes. */
    private static byte[] fit(byte[] in, int n) {
        return Arrays.copyOf(in, n);
    }

    /** ECADD: x1 ‖ y1 ‖ x2 ‖ y2 → x ‖ y. */
    public static byte[] ecAdd(byte[] input) {
        byte[] in = fit(input, 128);
        return G1Point.fromEip196(in, 0).add(G1Point.fromEip196(in, 64)).toEip196();
    }

    /** ECMUL: x ‖ y ‖ s → (s mod r)·P; s is any 256-bit integer. */
    public static byte[] ecMul(byte[] input) {
        byte[] in = fit(input, 96);
        G1Point p = G1Point.fromEip196(in, 0);
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(in, 64, 96)).mod(Bn254.R);
        return p.mul(s).toEip196();
    }

    /** Pairing check over k blocks of G1 (64 bytes) ‖ G2 (128 bytes): 32-byte 1 or 0. */
    public static byte[] ecPairing(byte[] input) {
        if (input.length % 192 != 0) {
            throw new InvalidPointException("pairing input length " + input.length + " is not a multiple of 192");
        }
        List<G1Point> ps = new ArrayList<>();
        List<G2Point> qs = new ArrayList<>();
        for (int off = 0; off < input.length; off += 192) {
            ps.add(G1Point.fromEip196(input, off));
            qs.add(G2Point.fromEip197(input, off + 64));
        }
        byte[] out = new byte[32];
        out[31] = (byte) (Pairing.check(ps, qs) ? 1 : 0);
        return out;
    }
}
