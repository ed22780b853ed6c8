package org.loraproof.driver.spark;

/**
 * The user's error inside a failed Spark job: the exception a task threw (a corrupt key chunk, a
 * missing file), which Spark wraps in its job-abort message with stack traces.
 */
final class SparkErrors {
    private SparkErrors() {
    }

    /** The task's own exception when Spark kept it as a cause, else one line from Spark's message. */
    static RuntimeException unwrap(Exception e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof RuntimeException r && r.getClass().getName().startsWith("org.loraproof.")) {
                return r;
            }
            if (t instanceof IllegalArgumentException r) {
                return r;
            }
            if (t instanceof java.io.IOException io) {
                return new java.io.UncheckedIOException(io);
            }
        }
        String m = String.valueOf(e.getMessage());
        java.util.regex.Matcher x = java.util.regex.Pattern
                .compile("(?:org\\.loraproof\\.[\\w.$]+|java\\.[\\w.$]+Exception): ([^\\n]+)").matcher(m);
        if (x.find()) {
            return new IllegalStateException(x.group(1));
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(m.lines().findFirst().orElse(m), e);
    }
}
