// Stub of jenkinsci/remoting src/main/java/org/jenkinsci/remoting/RoleSensitive.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package org.jenkinsci.remoting;

public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
