/**
 * Every Hadoop FileSystem call, for {@code file://}, {@code hdfs://} and {@code s3a://}: the
 * safetensors and PEFT readers (whole tensors, or row blocks by positioned reads), the artifact store
 * and its one atomic writer ({@link org.loraproof.storage.ArtifactStore}), the stored documents as
 * records with their one reader ({@link org.loraproof.storage.Commitment},
 * {@link org.loraproof.storage.Opening}, {@link org.loraproof.storage.ProofArtifact},
 * {@link org.loraproof.storage.KeyChunks}), the published models
 * ({@link org.loraproof.storage.PublishedModels}) and file locations
 * ({@link org.loraproof.storage.Location}).
 */
package org.loraproof.storage;
