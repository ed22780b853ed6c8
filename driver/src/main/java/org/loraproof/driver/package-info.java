/** The {@code loraproof} command line and the Spark jobs it runs. */
package org.loraproof.driver;
