/**
 * What the commands do: commit, setup, witness synthesis, proving, verification against the
 * published store, reports, pipelines; with a Spark settings object they run their stages on Spark.
 */
package org.loraproof.driver.jobs;
