// Stub of jenkinsci/plain-credentials-plugin@19caf8f
// src/main/java/org/jenkinsci/plugins/plaincredentials/StringCredentials.java — signatures as in the real source;
// bodies are test doubles (test-only, never shipped).
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

public interface StringCredentials extends StandardCredentials {
    @NonNull
    Secret getSecret();
}
