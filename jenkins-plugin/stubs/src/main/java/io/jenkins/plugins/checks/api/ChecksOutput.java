// Stub of jenkinsci/checks-api-plugin@9397079 src/main/java/io/jenkins/plugins/checks/api/ChecksOutput.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package io.jenkins.plugins.checks.api;

import java.util.Optional;

/** (Annotations, images and TruncatedString omitted.) */
public class ChecksOutput {
    private final String title;
    private final String summary;
    private final String text;

    private ChecksOutput(String title, String summary, String text) {
        this.title = title;
        this.summary = summary;
        this.text = text;
    }

    public ChecksOutput(final ChecksOutput that) {
        this(that.title, that.summary, that.text);
    }

    public Optional<String> getTitle() {
        return Optional.ofNullable(title);
    }

    public Optional<String> getSummary() {
        return Optional.ofNullable(summary);
    }

    public Optional<String> getText() {
        return Optional.ofNullable(text);
    }

    public static class ChecksOutputBuilder {
        private String title;
        private String summary;
        private String text;

        public ChecksOutputBuilder() {}

        public ChecksOutputBuilder withTitle(final String title) {
            this.title = java.util.Objects.requireNonNull(title);
            return this;
        }

        public ChecksOutputBuilder withSummary(final String summary) {
            this.summary = java.util.Objects.requireNonNull(summary);
            return this;
        }

        public ChecksOutputBuilder withText(final String text) {
            this.text = java.util.Objects.requireNonNull(text);
            return this;
        }

        public ChecksOutput build() {
            return new ChecksOutput(title, summary, text);
        }
    }
}
