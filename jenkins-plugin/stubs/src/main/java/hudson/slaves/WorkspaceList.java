// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/slaves/WorkspaceList.java — signatures as in the
// real source; bodies are test doubles (test-only, never shipped).
package hudson.slaves;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;

public final class WorkspaceList {
    public static final String COMBINATOR = "@";

    private WorkspaceList() {}

    @CheckForNull
    public static FilePath tempDir(FilePath ws) {
        return ws.sibling(ws.getName() + COMBINATOR + "tmp");
    }
}
