// Stub of jenkinsci/checks-api-plugin@9397079 src/main/java/io/jenkins/plugins/checks/api/ChecksStatus.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package io.jenkins.plugins.checks.api;

public enum ChecksStatus {
    NONE,
    QUEUED,
    IN_PROGRESS,
    COMPLETED
}
