// Stub of jenkinsci/credentials-plugin@d96751b
// src/main/java/com/cloudbees/plugins/credentials/SystemCredentialsProvider.java — signatures as in the real source;
// bodies are test doubles (test-only, never shipped).
package com.cloudbees.plugins.credentials;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The global store; the stub's {@link CredentialsProvider} looks credentials up here. */
public class SystemCredentialsProvider {
    private static final SystemCredentialsProvider INSTANCE = new SystemCredentialsProvider();

    private final List<Credentials> credentials = new CopyOnWriteArrayList<>();

    public static SystemCredentialsProvider getInstance() {
        return INSTANCE;
    }

    public List<Credentials> getCredentials() {
        return credentials;
    }
}
