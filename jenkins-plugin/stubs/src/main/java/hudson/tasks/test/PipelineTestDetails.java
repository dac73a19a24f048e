// Stub of jenkinsci/junit-plugin@c64aedd src/main/java/hudson/tasks/test/PipelineTestDetails.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.tasks.test;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Where in a Pipeline a set of test results came from: the step's node and its enclosing stages and branches. */
public class PipelineTestDetails implements Serializable {
    private static final long serialVersionUID = 1L;

    private String nodeId;
    private List<String> enclosingBlocks = new ArrayList<>();
    private List<String> enclosingBlockNames = new ArrayList<>();

    @NonNull
    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(@NonNull String nodeId) {
        this.nodeId = nodeId;
    }

    @NonNull
    public List<String> getEnclosingBlocks() {
        return enclosingBlocks;
    }

    public void setEnclosingBlocks(@NonNull List<String> enclosingBlocks) {
        this.enclosingBlocks.clear();
        this.enclosingBlocks.addAll(enclosingBlocks);
    }

    @NonNull
    public List<String> getEnclosingBlockNames() {
        return enclosingBlockNames;
    }

    public void setEnclosingBlockNames(@NonNull List<String> enclosingBlockNames) {
        this.enclosingBlockNames.clear();
        this.enclosingBlockNames.addAll(enclosingBlockNames);
    }
}
