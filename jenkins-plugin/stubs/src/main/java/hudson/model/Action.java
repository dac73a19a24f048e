// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/Action.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

public interface Action extends ModelObject {
    @CheckForNull
    String getIconFileName();

    @Override
    @CheckForNull
    String getDisplayName();

    @CheckForNull
    String getUrlName();
}
