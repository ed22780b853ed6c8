package org.loraproof.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;

/** A verdict crosses Spark's Kryo, with every class required to be registered, field for field. */
class ProofVerdictTest {
    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        SerializerInstance kryo = new KryoSerializer(new SparkConf()
                .set("spark.kryo.registrator", KryoRegistrator.class.getName())
                .set("spark.kryo.registrationRequired", "true")).newInstance();
        ClassTag<Object> tag = scala.reflect.ClassTag$.MODULE$.AnyRef();
        return (T) kryo.deserialize(kryo.serialize(value, tag), tag);
    }

    @Test
    void aVerdictCrossesKryoAsItWas() {
        ProofVerdict v = new ProofVerdict("hdfs:///p/a.proof.json.gz", true, null, "lora-merge", "m", "lora-merge-8x6",
                "ab", "cd", "ef", false, 32, ProofVerdict.NONCE_DRAWN, 0.25, true);
        // collect() ships each partition's verdicts as an array
        Object[] back = roundTrip(new Object[] {v});
        ProofVerdict w = (ProofVerdict) back[0];
        assertEquals(v.proof(), w.proof());
        assertTrue(w.valid());
        assertNull(w.reason());
        assertEquals("lora-merge", w.statement());
        assertEquals("m", w.model());
        assertEquals("lora-merge-8x6", w.circuit());
        assertEquals("ab", w.sha256());
        assertEquals("cd", w.vkSha256());
        assertEquals("ef", w.commitment());
        assertFalse(w.currentCommitment());
        assertEquals(32, w.samples());
        assertEquals(ProofVerdict.NONCE_DRAWN, w.nonce());
        assertEquals(0.25, w.seconds());
        assertTrue(w.skipped());
        assertTrue(w.verifierChoseNonce());
        ProofVerdict failed = roundTrip(new ProofVerdict("p", false, "the pairing check failed", null, null, null, null,
                null, null, false, 0, ProofVerdict.NONCE_PROVER, 1.5, false));
        assertFalse(failed.valid());
        assertEquals("the pairing check failed", failed.reason());
        assertFalse(failed.verifierChoseNonce());
    }
}
