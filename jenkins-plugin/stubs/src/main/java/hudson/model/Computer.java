// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/Computer.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;

/** (The stub's node is whatever a subclass returns; the real one looks it up in Jenkins.) */
public abstract class Computer extends Actionable {
    /** Jenkins' cached pool for work that talks to agents. */
    public static final java.util.concurrent.ExecutorService threadPoolForRemoting =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "Computer.threadPoolForRemoting");
                t.setDaemon(true);
                return t;
            });

    @CheckForNull
    public hudson.remoting.VirtualChannel getChannel() {
        Node n = getNode();
        FilePath root = n == null ? null : n.getRootPath();
        return root == null ? null : root.getChannel();
    }

    @CheckForNull
    public Node getNode() {
        return null;
    }
}
