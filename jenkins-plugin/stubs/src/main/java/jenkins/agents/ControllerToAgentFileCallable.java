// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/jenkins/agents/ControllerToAgentFileCallable.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package jenkins.agents;

import hudson.FilePath;
import jenkins.security.Roles;
import org.jenkinsci.remoting.RoleChecker;

public interface ControllerToAgentFileCallable<T> extends FilePath.FileCallable<T> {
    @Override
    default void checkRoles(RoleChecker checker) throws SecurityException {
        checker.check(this, Roles.SLAVE);
    }
}
