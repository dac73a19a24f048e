// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/Node.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;

public abstract class Node {
    public abstract String getNodeName();

    public abstract @CheckForNull FilePath getRootPath();

    /** A path on this node; null when it is offline (the stub's nodes are online while they have a root). */
    public @CheckForNull FilePath createPath(String absolutePath) {
        FilePath root = getRootPath();
        return root == null ? null : new FilePath(root.getChannel(), absolutePath);
    }
}
