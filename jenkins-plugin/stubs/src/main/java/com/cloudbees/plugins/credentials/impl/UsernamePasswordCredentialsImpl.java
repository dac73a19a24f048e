// Stub of jenkinsci/credentials-plugin@d96751b
// src/main/java/com/cloudbees/plugins/credentials/impl/UsernamePasswordCredentialsImpl.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Descriptor;
import hudson.util.Secret;

public class UsernamePasswordCredentialsImpl extends BaseStandardCredentials
        implements StandardUsernamePasswordCredentials {
    private static final long serialVersionUID = 1L;

    private final String username;
    private final Secret password;
    private boolean usernameSecret = false;

    public UsernamePasswordCredentialsImpl(
            @CheckForNull CredentialsScope scope,
            @CheckForNull String id,
            @CheckForNull String description,
            @CheckForNull String username,
            @CheckForNull String password)
            throws Descriptor.FormException {
        super(scope, id, description);
        this.username = username == null ? "" : username;
        this.password = Secret.fromString(password);
    }

    @NonNull
    @Override
    public Secret getPassword() {
        return password;
    }

    @NonNull
    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isUsernameSecret() {
        return usernameSecret;
    }

    public void setUsernameSecret(boolean usernameSecret) {
        this.usernameSecret = usernameSecret;
    }
}
