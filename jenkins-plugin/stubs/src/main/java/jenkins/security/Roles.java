// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/jenkins/security/Roles.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package jenkins.security;

import org.jenkinsci.remoting.Role;

public class Roles {
    public static final Role MASTER = new Role("master");
    public static final Role SLAVE = new Role("slave");

    private Roles() {}
}
