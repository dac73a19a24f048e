// Stub of jenkinsci/junit-plugin@c64aedd src/main/java/hudson/tasks/junit/pipeline/JUnitResultsStepExecution.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.tasks.junit.pipeline;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graph.StepNode;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/** (Only the public helpers that attribute results to stages and parallel branches; same logic as the real ones.) */
public class JUnitResultsStepExecution {

    private JUnitResultsStepExecution() {}

    /** The stage and parallel branch start nodes enclosing {@code node}, innermost first. */
    @NonNull
    public static List<FlowNode> getEnclosingStagesAndParallels(FlowNode node) {
        List<FlowNode> enclosingBlocks = new ArrayList<>();
        for (FlowNode enclosing : node.getEnclosingBlocks()) {
            if (enclosing != null && enclosing.getAction(LabelAction.class) != null) {
                if (isStageNode(enclosing) || enclosing.getAction(ThreadNameAction.class) != null) {
                    enclosingBlocks.add(enclosing);
                }
            }
        }
        return enclosingBlocks;
    }

    private static boolean isStageNode(@NonNull FlowNode node) {
        if (node instanceof StepNode stepNode) {
            StepDescriptor d = stepNode.getDescriptor();
            return d != null && d.getFunctionName().equals("stage");
        }
        return false;
    }

    @NonNull
    public static List<String> getEnclosingBlockIds(@NonNull List<FlowNode> nodes) {
        List<String> ids = new ArrayList<>();
        for (FlowNode n : nodes) {
            ids.add(n.getId());
        }
        return ids;
    }

    @NonNull
    public static List<String> getEnclosingBlockNames(@NonNull List<FlowNode> nodes) {
        List<String> names = new ArrayList<>();
        for (FlowNode n : nodes) {
            ThreadNameAction threadNameAction = n.getPersistentAction(ThreadNameAction.class);
            LabelAction labelAction = n.getPersistentAction(LabelAction.class);
            if (threadNameAction != null) {
                if (names.isEmpty() || !threadNameAction.getThreadName().equals(names.get(names.size() - 1))) {
                    names.add(threadNameAction.getThreadName());
                }
            } else if (labelAction != null) {
                names.add(labelAction.getDisplayName());
            }
        }
        return names;
    }
}
