// Stub of jenkinsci/credentials-plugin@d96751b
// src/main/java/com/cloudbees/plugins/credentials/common/UsernamePasswordCredentials.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package com.cloudbees.plugins.credentials.common;

public interface UsernamePasswordCredentials extends UsernameCredentials, PasswordCredentials {}
