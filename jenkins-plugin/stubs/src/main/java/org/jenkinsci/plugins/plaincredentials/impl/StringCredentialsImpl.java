// Stub of jenkinsci/plain-credentials-plugin@19caf8f
// src/main/java/org/jenkinsci/plugins/plaincredentials/impl/StringCredentialsImpl.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package org.jenkinsci.plugins.plaincredentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

public final class StringCredentialsImpl extends BaseStandardCredentials implements StringCredentials {
    private static final long serialVersionUID = 1L;

    private final @NonNull Secret secret;

    public StringCredentialsImpl(
            @CheckForNull CredentialsScope scope,
            @CheckForNull String id,
            @CheckForNull String description,
            @NonNull Secret secret) {
        super(scope, id, description);
        this.secret = secret;
    }

    @NonNull
    @Override
    public Secret getSecret() {
        return secret;
    }
}
