// Stub of jenkinsci/credentials-plugin@d96751b src/main/java/com/cloudbees/plugins/credentials/CredentialsScope.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
