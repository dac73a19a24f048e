// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/security/AccessControlled.java — signatures as in
// the real source; bodies are test doubles (test-only, never shipped).
package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;

public interface AccessControlled {
    @NonNull
    ACL getACL();

    default void checkPermission(@NonNull Permission permission) {
        getACL().checkPermission(permission);
    }

    default boolean hasPermission(@NonNull Permission permission) {
        return getACL().hasPermission(permission);
    }
}
