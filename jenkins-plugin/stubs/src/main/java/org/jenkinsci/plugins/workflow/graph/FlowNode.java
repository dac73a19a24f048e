// Stub of jenkinsci/workflow-api-plugin@cbc88d9 src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Actionable;
import java.util.List;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;

public abstract class FlowNode extends Actionable {
    private final String id;

    protected FlowNode(FlowExecution exec, String id, List<FlowNode> parents) {
        this.id = id;
    }

    protected FlowNode(FlowExecution exec, String id, FlowNode... parents) {
        this.id = id;
    }

    public String getId() {
        return id;
    }

    protected abstract String getTypeDisplayName();
}
