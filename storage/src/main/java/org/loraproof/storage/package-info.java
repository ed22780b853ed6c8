/**
 * Hadoop FileSystem I/O for {@code file://}, {@code hdfs://} and {@code s3a://}: model readers and
 * the artifact store. Filled by the issues that ingest models and write artifacts.
 */
package org.loraproof.storage;
