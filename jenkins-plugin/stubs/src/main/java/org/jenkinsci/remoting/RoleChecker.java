// Stub of jenkinsci/remoting src/main/java/org/jenkinsci/remoting/RoleChecker.java — signatures as in the real source;
// bodies are test doubles (test-only, never shipped).
package org.jenkinsci.remoting;

import java.util.Collection;
import java.util.List;

public abstract class RoleChecker {
    public abstract void check(RoleSensitive subject, Collection<Role> expected) throws SecurityException;

    public void check(RoleSensitive subject, Role expected) throws SecurityException {
        check(subject, List.of(expected));
    }

    public void check(RoleSensitive subject, Role... expected) throws SecurityException {
        check(subject, List.of(expected));
    }
}
