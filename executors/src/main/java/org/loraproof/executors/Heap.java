package org.loraproof.executors;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;

/** The heap figures loraproof reports, for the driver's JVM and each executor's. */
public final class Heap {
    private Heap() {
    }

    /** The time this JVM's collectors have spent so far, in nanoseconds (milliseconds resolution). */
    public static long gcNanos() {
        long ms = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms * 1_000_000L;
    }

    /** This JVM's peak heap use so far in bytes, summed over its heap pools. */
    public static long peak() {
        long peak = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
