// Stub of jenkinsci/workflow-api-plugin@cbc88d9 src/main/java/org/jenkinsci/plugins/workflow/flow/FlowExecution.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package org.jenkinsci.plugins.workflow.flow;

/** (Members omitted: the plugin does not use the flow execution.) */
public abstract class FlowExecution {}
