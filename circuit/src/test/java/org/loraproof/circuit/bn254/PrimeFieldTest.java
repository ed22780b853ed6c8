package org.loraproof.circuit.bn254;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loraproof.circuit.Vectors;

/** Fp and Fr against noble's vectors and a BigInteger reference. */
class PrimeFieldTest {

    /** Both fields through one lens: parse a canonical decimal, and the modulus. */
    private record Lens<E extends PrimeFieldElement<E>>(BigInteger q, Function<BigInteger, E> of) {
    }

    private static Lens<?> lens(String name) {
        return name.equals("fp") ? new Lens<>(Bn254.P, Fp::of) : new Lens<>(Bn254.R, Fr::of);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp", "fr"})
    void nobleVectors(String name) {
        check(lens(name), Vectors.json("bn254/noble/" + name + "_ops.json"));
    }

    private static <E extends PrimeFieldElement<E>> void check(Lens<E> l, JsonNode file) {
        assertEquals(l.q(), Vectors.big(file.get("modulus")));
        for (JsonNode c : file.get("cases")) {
            E a = l.of().apply(Vectors.big(c.get("a")));
            E b = l.of().apply(Vectors.big(c.get("b")));
            assertEquals(Vectors.big(c.get("add")), a.add(b).toBigInteger());
            assertEquals(Vectors.big(c.get("sub")), a.sub(b).toBigInteger());
            assertEquals(Vectors.big(c.get("mul")), a.mul(b).toBigInteger());
            if (c.get("inv_a").isNull()) {
                assertTrue(a.isZero());
                assertThrows(ArithmeticException.class, a::inverse);
            } else {
                assertEquals(Vectors.big(c.get("inv_a")), a.inverse().toBigInteger());
            }
            assertEquals(Vectors.big(c.get("pow_a_e")), a.pow(Vectors.big(c.get("e"))).toBigInteger());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp", "fr"})
    void agreesWithBigIntegerOnRandomAndEdgeValues(String name) {
        propertyCheck(lens(name));
    }

    private static <E extends PrimeFieldElement<E>> void propertyCheck(Lens<E> l) {
        BigInteger q = l.q();
        SplittableRandom rng = new SplittableRandom(7);
        List<BigInteger> values = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                q.subtract(BigInteger.ONE), q.subtract(BigInteger.TWO), q.shiftRight(1), q.shiftRight(1).add(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(253)));
        for (int i = 0; i < 4000; i++) {
            byte[] b = new byte[40];
            rng.nextBytes(b);
            values.add(new BigInteger(1, b).mod(q));
        }
        for (int i = 0; i < values.size(); i++) {
            BigInteger x = values.get(i), y = values.get((i * 7 + 3) % values.size());
            E a = l.of().apply(x), b = l.of().apply(y);
            assertEquals(x.add(y).mod(q), a.add(b).toBigInteger(), "add");
            assertEquals(x.subtract(y).mod(q), a.sub(b).toBigInteger(), "sub");
            assertEquals(x.multiply(y).mod(q), a.mul(b).toBigInteger(), "mul");
            assertEquals(x.multiply(x).mod(q), a.square().toBigInteger(), "square");
            assertEquals(x.negate().mod(q), a.neg().toBigInteger(), "neg");
            assertEquals(x.shiftLeft(1).mod(q), a.dbl().toBigInteger(), "dbl");
            if (i % 20 == 0 && x.signum() != 0) {
                assertEquals(x.modInverse(q), a.inverse().toBigInteger(), "inverse");
            }
        }
    }

    @Test
    void sqrtInBothFields() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 40; i++) {
            Fp a = Fp.random(rng::nextLong);
            Fp s = a.square().sqrt();
            assertEquals(a.square(), s.square());
            Fr b = Fr.random(rng::nextLong);
            Fr t = b.square().sqrt();
            assertEquals(b.square(), t.square());
        }
        // −1 is a non-residue mod p (p ≡ 3 mod 4); 5 is a non-residue mod r.
        assertNull(Fp.ONE.neg().sqrt());
        assertNull(Fr.of(5).sqrt());
        assertEquals(Fp.ZERO, Fp.ZERO.sqrt());
    }

    @Test
    void bytesAndDecimalRoundTripAndRejectNonCanonical() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            Fr a = Fr.random(rng::nextLong);
            assertEquals(a, Fr.fromBytes(a.toBytes(), 0));
            assertEquals(a, Fr.parse(a.toString()));
            byte[] be = a.toBytes();
            assertArrayEquals(be, BigIntegers.toBytes32(a.toBigInteger()));
        }
        JsonNode invalid = Vectors.json("bn254/noble/invalid.json");
        for (JsonNode n : invalid.get("fr_not_canonical")) {
            BigInteger v = Vectors.big(n.get("value"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fr.parse(v.toString()));
            assertTrue(e.getMessage().contains("not a canonical"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Fr.fromBytes(BigIntegers.toBytes32(v), 0));
        }
        assertThrows(IllegalArgumentException.class, () -> Fp.parse(Bn254.P.toString()));
        assertThrows(IllegalArgumentException.class, () -> Fp.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> Fp.parse("12ab"));
        assertThrows(IllegalArgumentException.class, () -> Fp.fromBytes(new byte[31], 0));
    }

    @Test
    void batchInverseMatchesSingleInverses() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 37;
        long[] a = new long[4 * n];
        Fr[] expected = new Fr[n];
        for (int i = 0; i < n; i++) {
            Fr x = i % 9 == 4 ? Fr.ZERO : Fr.random(rng::nextLong);
            x.writeLimbs(a, 4 * i);
            expected[i] = x.isZero() ? Fr.ZERO : x.inverse();
        }
        MontgomeryField.FR.batchInverse(a, 0, n, new long[4 * n]);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], Fr.fromLimbs(a, 4 * i), "element " + i);
        }
    }

    /**
     * Both ways {@link MontgomeryField#mul} multiplies (FMA high parts, or integer products only)
     * against BigInteger on raw Montgomery limbs: random values, the edges, and a first operand up to
     * 2^256 − 1, the widest mul takes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fp", "fr"})
    void bothMultiplicationsAgreeWithBigInteger(String name) {
        boolean fp = name.equals("fp");
        MontgomeryField f = fp ? MontgomeryField.FP : MontgomeryField.FR;
        BigInteger q = fp ? Bn254.P : Bn254.R, rInv = BigInteger.ONE.shiftLeft(MontgomeryField.MONTGOMERY_BITS).modInverse(q);
        List<BigInteger> values = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                q.subtract(BigInteger.ONE), q.subtract(BigInteger.TWO), q.shiftRight(1), BigInteger.ONE.shiftLeft(252),
                BigInteger.ONE.shiftLeft(52).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(208)));
        SplittableRandom rng = new SplittableRandom(23);
        for (int i = 0; i < 3000; i++) {
            values.add(new BigInteger(q.bitLength() + 16, new java.util.Random(rng.nextLong())).mod(q));
        }
        BigInteger top = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        long[] byFma = new long[4], byIntegers = new long[4];
        for (int i = 0; i < values.size(); i++) {
            BigInteger x = i % 50 == 0 ? top.subtract(BigInteger.valueOf(i)) : values.get(i), y = values.get((i * 7 + 3) % values.size());
            long[] a = MontgomeryField.limbsOf(x), b = MontgomeryField.limbsOf(y);
            BigInteger expected = x.multiply(y).multiply(rInv).mod(q);
            f.mulByFma(byFma, 0, a, 0, b, 0);
            f.mulByIntegerProducts(byIntegers, 0, a, 0, b, 0);
            assertEquals(expected, MontgomeryField.bigIntegerOf(byFma, 0), "fma " + x + " " + y);
            assertEquals(expected, MontgomeryField.bigIntegerOf(byIntegers, 0), "integers " + x + " " + y);
        }
    }

    /**
     * The variable-time inverse against BigInteger on the raw Montgomery limbs: random values and
     * the ones that take its rarer paths (runs of 64 and more zero bits, u = v early, q − 1).
     */
    @ParameterizedTest
    @ValueSource(strings = {"fp", "fr"})
    void variableTimeInverseAgreesWithBigInteger(String name) {
        boolean fp = name.equals("fp");
        MontgomeryField f = fp ? MontgomeryField.FP : MontgomeryField.FR;
        BigInteger q = fp ? Bn254.P : Bn254.R, r2 = BigInteger.ONE.shiftLeft(2 * MontgomeryField.MONTGOMERY_BITS).mod(q);
        List<BigInteger> values = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3),
                q.subtract(BigInteger.ONE), q.subtract(BigInteger.TWO), q.shiftRight(1), q.shiftRight(1).add(BigInteger.ONE)));
        for (int bit : new int[] {63, 64, 65, 127, 128, 129, 191, 192, 200, 253}) {
            values.add(BigInteger.ONE.shiftLeft(bit));
            values.add(BigInteger.ONE.shiftLeft(bit).add(BigInteger.ONE));
            values.add(q.subtract(BigInteger.ONE.shiftLeft(bit)).mod(q)); // q − 2^bit: a long run after the first step
        }
        SplittableRandom rng = new SplittableRandom(17);
        for (int i = 0; i < 2000; i++) {
            values.add(new BigInteger(q.bitLength() + 16, new java.util.Random(rng.nextLong())).mod(q));
        }
        long[] r = new long[4];
        for (BigInteger v : values) {
            f.inverseVariableTime(r, 0, MontgomeryField.limbsOf(v), 0);
            BigInteger expected = v.signum() == 0 ? BigInteger.ZERO : r2.multiply(v.modInverse(q)).mod(q);
            assertEquals(expected, MontgomeryField.bigIntegerOf(r, 0), v.toString(16));
        }
    }
}
