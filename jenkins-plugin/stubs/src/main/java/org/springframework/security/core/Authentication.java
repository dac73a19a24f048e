// Stub of spring-projects/spring-security core/src/main/java/org/springframework/security/core/Authentication.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package org.springframework.security.core;

import java.io.Serializable;
import java.security.Principal;

/** (Members omitted: the plugin only passes ACL.SYSTEM2 through.) */
public interface Authentication extends Principal, Serializable {
    @Override
    default String getName() {
        return toString();
    }
}
