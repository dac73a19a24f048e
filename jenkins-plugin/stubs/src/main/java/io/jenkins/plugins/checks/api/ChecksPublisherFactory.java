// Stub of jenkinsci/checks-api-plugin@9397079 src/main/java/io/jenkins/plugins/checks/api/ChecksPublisherFactory.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package io.jenkins.plugins.checks.api;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Optional;

public abstract class ChecksPublisherFactory implements ExtensionPoint {
    protected Optional<ChecksPublisher> createPublisher(final Run<?, ?> run, final TaskListener listener) {
        return Optional.empty();
    }

    protected Optional<ChecksPublisher> createPublisher(final Job<?, ?> job, final TaskListener listener) {
        return Optional.empty();
    }

    public static ChecksPublisher fromRun(final Run<?, ?> run, final TaskListener listener) {
        return ExtensionList.lookup(ChecksPublisherFactory.class).stream()
                .map(factory -> factory.createPublisher(run, listener))
                .filter(Optional::isPresent)
                .map(Optional::get)
                .findFirst()
                .orElse(new ChecksPublisher.NullChecksPublisher(listener.getLogger()));
    }

    public static ChecksPublisher fromJob(final Job<?, ?> job, final TaskListener listener) {
        return ExtensionList.lookup(ChecksPublisherFactory.class).stream()
                .map(factory -> factory.createPublisher(job, listener))
                .filter(Optional::isPresent)
                .map(Optional::get)
                .findFirst()
                .orElse(new ChecksPublisher.NullChecksPublisher(listener.getLogger()));
    }
}
