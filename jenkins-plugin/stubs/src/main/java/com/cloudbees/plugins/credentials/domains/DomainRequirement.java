// Stub of jenkinsci/credentials-plugin@d96751b
// src/main/java/com/cloudbees/plugins/credentials/domains/DomainRequirement.java — signatures as in the real source;
// bodies are test doubles (test-only, never shipped).
package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import java.io.Serializable;

public class DomainRequirement implements ExtensionPoint, Serializable {
    private static final long serialVersionUID = 1L;

    public DomainRequirement() {}
}
