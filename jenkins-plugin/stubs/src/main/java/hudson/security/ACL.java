// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/security/ACL.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final Authentication SYSTEM2 = new Authentication() {
        @Override
        public String toString() {
            return "SYSTEM";
        }
    };

    public final void checkPermission(@NonNull Permission p) {
        if (!hasPermission(p)) {
            throw new SecurityException("missing " + p);
        }
    }

    public final boolean hasPermission(@NonNull Permission p) {
        return hasPermission2(SYSTEM2, p);
    }

    public abstract boolean hasPermission2(@NonNull Authentication a, @NonNull Permission permission);

    /** Stub helper: the policy of the stub — everything is granted (the -Pjenkins tests check real permissions). */
    public static ACL grantAll() {
        return new ACL() {
            @Override
            public boolean hasPermission2(Authentication a, Permission permission) {
                return true;
            }
        };
    }
}
