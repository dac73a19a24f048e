// Stub of jenkinsci/credentials-plugin@d96751b
// src/main/java/com/cloudbees/plugins/credentials/common/PasswordCredentials.java — signatures as in the real source;
// bodies are test doubles (test-only, never shipped).
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

public interface PasswordCredentials extends Credentials {
    @NonNull
    Secret getPassword();
}
