package io.mlopsci.jenkins;

import hudson.tasks.junit.pipeline.JUnitResultsStepExecution;
import hudson.tasks.test.PipelineTestDetails;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Where in the Pipeline a step runs: its enclosing stages and parallel branches, found the way the
 * junit plugin finds them (so test results, checks and the build page agree).
 *
 * @param nodeId the step's flow node
 * @param blockIds the enclosing stage and branch start nodes, innermost first
 * @param names their names, outermost first (as a reader says them: {@code models / fraud})
 */
record StageNames(String nodeId, List<String> blockIds, List<String> names) {

    StageNames {
        blockIds = List.copyOf(blockIds);
        names = List.copyOf(names);
    }

    static StageNames of(FlowNode node) {
        if (node == null) {
            return new StageNames(null, List.of(), List.of());
        }
        List<FlowNode> blocks = JUnitResultsStepExecution.getEnclosingStagesAndParallels(node);
        List<String> names = new ArrayList<>(JUnitResultsStepExecution.getEnclosingBlockNames(blocks));
        Collections.reverse(names);
        return new StageNames(node.getId(), JUnitResultsStepExecution.getEnclosingBlockIds(blocks), names);
    }

    /** {@code a / b}, or null outside any stage. */
    String path() {
        return names.isEmpty() ? null : String.join(" / ", names);
    }

    /** For the junit plugin: the results belong to this node and its stages (null outside a Pipeline). */
    PipelineTestDetails testDetails() {
        if (nodeId == null) {
            return null;
        }
        PipelineTestDetails d = new PipelineTestDetails();
        d.setNodeId(nodeId);
        d.setEnclosingBlocks(blockIds);
        List<String> innermostFirst = new ArrayList<>(names);
        Collections.reverse(innermostFirst);
        d.setEnclosingBlockNames(innermostFirst);
        return d;
    }
}
