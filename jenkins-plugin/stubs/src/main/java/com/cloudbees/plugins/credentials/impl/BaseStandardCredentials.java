// Stub of jenkinsci/credentials-plugin@d96751b
// src/main/java/com/cloudbees/plugins/credentials/impl/BaseStandardCredentials.java — signatures as in the real source;
// bodies are test doubles (test-only, never shipped).
package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.UUID;

/** (The real class extends BaseCredentials; its descriptor lookup is omitted.) */
public abstract class BaseStandardCredentials implements StandardCredentials {
    private static final long serialVersionUID = 1L;

    private final CredentialsScope scope;
    private final String id;
    private final String description;

    public BaseStandardCredentials(
            @CheckForNull CredentialsScope scope, @CheckForNull String id, @CheckForNull String description) {
        this.scope = scope;
        this.id = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        this.description = description == null ? "" : description;
    }

    @Override
    public CredentialsScope getScope() {
        return scope;
    }

    @NonNull
    @Override
    public String getId() {
        return id;
    }

    @NonNull
    @Override
    public String getDescription() {
        return description;
    }

    @NonNull
    @Override
    public CredentialsDescriptor getDescriptor() {
        throw new UnsupportedOperationException("no credentials descriptors in the stub");
    }
}
