// Stub of jenkinsci/checks-api-plugin@9397079 src/main/java/io/jenkins/plugins/checks/api/ChecksPublisher.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package io.jenkins.plugins.checks.api;

import java.io.PrintStream;

public abstract class ChecksPublisher {
    public abstract void publish(ChecksDetails details);

    /** (The real one logs through plugin-util's PluginLogger.) */
    public static class NullChecksPublisher extends ChecksPublisher {
        private final PrintStream logger;

        public NullChecksPublisher(final PrintStream logger) {
            this.logger = logger;
        }

        @Override
        public void publish(final ChecksDetails details) {
            logger.println("[Checks API] No suitable checks publisher found.");
        }
    }
}
