// Stub of jenkinsci/credentials-plugin@d96751b src/main/java/com/cloudbees/plugins/credentials/Credentials.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Run;
import java.io.Serializable;

public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
    @CheckForNull
    CredentialsScope getScope();

    @NonNull
    @Override
    CredentialsDescriptor getDescriptor();

    @NonNull
    default Credentials forRun(@NonNull Run<?, ?> context) {
        return this;
    }
}
