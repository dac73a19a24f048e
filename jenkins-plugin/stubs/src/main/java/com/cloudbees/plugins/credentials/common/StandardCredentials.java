// Stub of jenkinsci/credentials-plugin@d96751b
// src/main/java/com/cloudbees/plugins/credentials/common/StandardCredentials.java — signatures as in the real source;
// bodies are test doubles (test-only, never shipped).
package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

public interface StandardCredentials extends IdCredentials {
    @NonNull
    String getDescription();
}
