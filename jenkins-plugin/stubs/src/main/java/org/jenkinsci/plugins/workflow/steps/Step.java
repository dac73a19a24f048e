// Stub of jenkinsci/workflow-step-api-plugin@0773c3c src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

@SuppressWarnings("deprecation")
public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {
    public abstract StepExecution start(StepContext context) throws Exception;

    @Override
    public StepDescriptor getDescriptor() {
        return (StepDescriptor) super.getDescriptor();
    }
}
