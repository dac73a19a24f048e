// Stub of jenkinsci/credentials-plugin@d96751b src/main/java/com/cloudbees/plugins/credentials/CredentialsMatcher.java
// — signatures as in the real source; bodies are test doubles (test-only, never shipped).
package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

public interface CredentialsMatcher extends Serializable {
    boolean matches(@NonNull Credentials item);
}
