// Stub of jenkinsci/workflow-api-plugin@cbc88d9 src/main/java/org/jenkinsci/plugins/workflow/graph/BlockStartNode.java
// —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package org.jenkinsci.plugins.workflow.graph;

import java.util.List;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;

public abstract class BlockStartNode extends FlowNode {
    protected BlockStartNode(FlowExecution exec, String id, FlowNode... parents) {
        super(exec, id, parents);
    }

    protected BlockStartNode(FlowExecution exec, String id, List<FlowNode> parents) {
        super(exec, id, parents);
    }
}
