/** The resident prover of {@code groth16 serve}, its JDK-only client and its key cache. */
package org.loraproof.driver.resident;
