// Stub of jenkinsci/credentials-plugin@d96751b
// src/main/java/com/cloudbees/plugins/credentials/common/UsernameCredentials.java — signatures as in the real source;
// bodies are test doubles (test-only, never shipped).
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;

public interface UsernameCredentials extends Credentials {
    @NonNull
    String getUsername();

    default boolean isUsernameSecret() {
        return true;
    }
}
