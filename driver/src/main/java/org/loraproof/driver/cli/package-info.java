/** The picocli commands and options: each parses, calls a job and prints. */
package org.loraproof.driver.cli;
