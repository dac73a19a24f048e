// Stub of jenkinsci/workflow-api-plugin@cbc88d9 src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Action;
import hudson.model.Actionable;
import java.util.ArrayList;
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

    private final List<BlockStartNode> enclosing = new ArrayList<>();

    public String getId() {
        return id;
    }

    /** The blocks this node is in, innermost first (the real one walks the flow graph). */
    public List<? extends BlockStartNode> getEnclosingBlocks() {
        return List.copyOf(enclosing);
    }

    /** Stub only (not in the real API): places this node inside blocks, innermost first. */
    public void stubEnclosedBy(BlockStartNode... blocks) {
        enclosing.addAll(List.of(blocks));
    }

    public <T extends Action> T getPersistentAction(Class<T> type) {
        return getAction(type);
    }

    protected abstract String getTypeDisplayName();
}
