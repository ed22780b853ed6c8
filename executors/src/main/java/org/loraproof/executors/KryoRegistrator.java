package org.loraproof.executors;

import com.esotericsoftware.kryo.Kryo;
import org.loraproof.circuit.groth16.PartialSums;

/**
 * Registers every class loraproof ships between the driver and executors, so that jobs may run
 * with {@code spark.kryo.registrationRequired=true} (the tests do).
 */
public final class KryoRegistrator implements org.apache.spark.serializer.KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(PartialMsm.class);
        kryo.register(int[][][].class);
        kryo.register(PartialMsm.Output.class);
        kryo.register(QuotientStages.Evaluate.class);
        kryo.register(QuotientStages.Part.class);
        kryo.register(CommitBlock.class);
        kryo.register(CommitBlock.Output.class);
        kryo.register(WitnessBatch.class);
        kryo.register(WitnessBatch.Output.class);
        kryo.register(SampleOpenings.class);
        kryo.register(SetupPiece.class);
        kryo.register(SetupPiece.Output.class);
        kryo.register(StoredTree.class);
        kryo.register(MatrixTree.class);
        kryo.register(ProofVerdict.class);
        kryo.register(int[][].class);
        kryo.register(long[][].class);
        kryo.register(PartialSums.class);
        kryo.register(long[].class);
        kryo.register(int[].class);
        kryo.register(byte[].class);
        kryo.register(String[].class);
        kryo.register(Object[].class);
        kryo.register(scala.Tuple2.class);
        kryo.register(scala.Tuple2[].class);
    }
}
