package org.loraproof.executors;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;

/** The heap figures loraproof reports, for the driver's JVM and each executor's. */
public final class Heap {
    private Heap() {
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
