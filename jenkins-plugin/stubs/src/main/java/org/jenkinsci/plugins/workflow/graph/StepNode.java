// Stub of jenkinsci/workflow-api-plugin@cbc88d9 src/main/java/org/jenkinsci/plugins/workflow/graph/StepNode.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package org.jenkinsci.plugins.workflow.graph;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

public interface StepNode {
    @CheckForNull
    StepDescriptor getDescriptor();
}
