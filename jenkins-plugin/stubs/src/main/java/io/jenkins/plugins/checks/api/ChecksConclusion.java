// Stub of jenkinsci/checks-api-plugin@9397079 src/main/java/io/jenkins/plugins/checks/api/ChecksConclusion.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package io.jenkins.plugins.checks.api;

public enum ChecksConclusion {
    NONE,
    ACTION_REQUIRED,
    SKIPPED,
    CANCELED,
    TIME_OUT,
    FAILURE,
    NEUTRAL,
    SUCCESS
}
