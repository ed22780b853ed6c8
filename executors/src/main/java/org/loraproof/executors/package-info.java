/**
 * The functions Spark ships to executors, each running a serial kernel of {@code circuit} on one
 * partition ({@link org.loraproof.executors.CommitBlock}: one block of a commitment;
 * {@link org.loraproof.executors.WitnessBatch}: a batch of a proof's samples;
 * {@link org.loraproof.executors.PartialMsm}: the MSMs over a stretch of the key;
 * {@link org.loraproof.executors.SetupPiece}: a piece of a proving key), what tasks return to the
 * driver (their outputs, {@link org.loraproof.executors.ProofVerdict}), and the Kryo registrator
 * listing every class shipped. Files are read and written through {@code storage}.
 */
package org.loraproof.executors;
