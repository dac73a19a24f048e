// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/EnvironmentSpecific.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.model;

import hudson.EnvVars;

public interface EnvironmentSpecific<T extends EnvironmentSpecific<T>> {
    T forEnvironment(EnvVars environment);
}
