/**
 * The functions Spark ships to executors (block commitments, witness synthesis per sample batch,
 * partial MSMs) and the Kryo registrator. Filled by the distribution issues.
 */
package org.loraproof.executors;
