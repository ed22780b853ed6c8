/**
 * The functions Spark ships to executors, each running a serial kernel of {@code circuit} on one
 * partition ({@link org.loraproof.executors.PartialMsm}: the five MSMs over a key chunk), and the
 * Kryo registrator listing every class shipped.
 */
package org.loraproof.executors;
