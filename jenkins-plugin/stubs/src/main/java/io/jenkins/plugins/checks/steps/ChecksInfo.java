// Stub of jenkinsci/checks-api-plugin@9397079 src/main/java/io/jenkins/plugins/checks/steps/ChecksInfo.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package io.jenkins.plugins.checks.steps;

import java.io.Serializable;
import java.util.Objects;

public class ChecksInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;

    public ChecksInfo(final String name) {
        Objects.requireNonNull(name);
        this.name = name;
    }

    public String getName() {
        return name;
    }
}
