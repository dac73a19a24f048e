// Stub of jenkinsci/credentials-plugin@d96751b
// src/main/java/com/cloudbees/plugins/credentials/common/StandardListBoxModel.java — signatures as in the real source;
// bodies are test doubles (test-only, never shipped).
package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    private static final long serialVersionUID = 1L;

    @NonNull
    @Override
    protected String describe(@NonNull StandardCredentials c) {
        return c.getDescription().isEmpty() ? c.getId() : c.getDescription();
    }
}
