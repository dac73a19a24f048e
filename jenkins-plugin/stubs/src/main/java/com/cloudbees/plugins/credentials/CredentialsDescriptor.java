// Stub of jenkinsci/credentials-plugin@d96751b
// src/main/java/com/cloudbees/plugins/credentials/CredentialsDescriptor.java — signatures as in the real source; bodies
// are test doubles (test-only, never shipped).
package com.cloudbees.plugins.credentials;

import hudson.model.Descriptor;

/** (Members omitted.) */
public abstract class CredentialsDescriptor extends Descriptor<Credentials> {
    protected CredentialsDescriptor() {}
}
