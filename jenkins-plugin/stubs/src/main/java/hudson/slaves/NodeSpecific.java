// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/slaves/NodeSpecific.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.slaves;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Node;
import hudson.model.TaskListener;
import java.io.IOException;

public interface NodeSpecific<T extends NodeSpecific<T>> {
    T forNode(@NonNull Node node, TaskListener log) throws IOException, InterruptedException;
}
