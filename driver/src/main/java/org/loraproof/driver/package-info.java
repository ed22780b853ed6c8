/**
 * The {@code loraproof} command line: {@link org.loraproof.driver.Main}, the entry point, over
 * packages that import only those below them — {@code cli} (commands and options), {@code resident}
 * (the resident prover), {@code jobs} (what the commands do) and {@code spark} (every Spark context
 * and stage).
 */
package org.loraproof.driver;
