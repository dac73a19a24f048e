// Stub of jenkinsci/checks-api-plugin@9397079 src/main/java/io/jenkins/plugins/checks/api/ChecksDetails.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package io.jenkins.plugins.checks.api;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.util.Optional;

/** (Actions omitted.) */
public class ChecksDetails {
    private final String name;
    private final ChecksStatus status;
    private final String detailsURL;
    private final LocalDateTime startedAt;
    private final ChecksConclusion conclusion;
    private final LocalDateTime completedAt;
    private final ChecksOutput output;

    private ChecksDetails(
            String name,
            ChecksStatus status,
            String detailsURL,
            LocalDateTime startedAt,
            ChecksConclusion conclusion,
            LocalDateTime completedAt,
            ChecksOutput output) {
        this.name = name;
        this.status = status;
        this.detailsURL = detailsURL;
        this.startedAt = startedAt;
        this.conclusion = conclusion;
        this.completedAt = completedAt;
        this.output = output;
    }

    public Optional<String> getName() {
        return Optional.ofNullable(name);
    }

    public ChecksStatus getStatus() {
        return status;
    }

    public Optional<String> getDetailsURL() {
        return Optional.ofNullable(detailsURL);
    }

    public Optional<LocalDateTime> getStartedAt() {
        return Optional.ofNullable(startedAt);
    }

    public ChecksConclusion getConclusion() {
        return conclusion;
    }

    public Optional<LocalDateTime> getCompletedAt() {
        return Optional.ofNullable(completedAt);
    }

    public Optional<ChecksOutput> getOutput() {
        return Optional.ofNullable(output);
    }

    public static class ChecksDetailsBuilder {
        private String name;
        private String detailsURL;
        private LocalDateTime startedAt;
        private LocalDateTime completedAt;
        private ChecksOutput output;
        private ChecksStatus status = ChecksStatus.NONE;
        private ChecksConclusion conclusion = ChecksConclusion.NONE;

        public ChecksDetailsBuilder() {}

        public ChecksDetailsBuilder withName(final String name) {
            this.name = requireNonNull(name);
            return this;
        }

        public ChecksDetailsBuilder withStatus(final ChecksStatus status) {
            this.status = requireNonNull(status);
            return this;
        }

        public ChecksDetailsBuilder withDetailsURL(final String detailsURL) {
            this.detailsURL = requireNonNull(detailsURL);
            return this;
        }

        public ChecksDetailsBuilder withStartedAt(final LocalDateTime startedAt) {
            this.startedAt = requireNonNull(startedAt);
            return this;
        }

        public ChecksDetailsBuilder withConclusion(final ChecksConclusion conclusion) {
            this.conclusion = requireNonNull(conclusion);
            return this;
        }

        public ChecksDetailsBuilder withCompletedAt(final LocalDateTime completedAt) {
            this.completedAt = requireNonNull(completedAt);
            return this;
        }

        public ChecksDetailsBuilder withOutput(final ChecksOutput output) {
            this.output = new ChecksOutput(requireNonNull(output));
            return this;
        }

        public ChecksDetails build() {
            return new ChecksDetails(name, status, detailsURL, startedAt, conclusion, completedAt, output);
        }
    }
}
