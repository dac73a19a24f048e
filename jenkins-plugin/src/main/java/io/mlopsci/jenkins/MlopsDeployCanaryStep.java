package io.mlopsci.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.mlopsci.contract.StepId;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code mlopsDeployCanary}: Shifts traffic to the new version step by step, analyses it, then
 * promotes or rolls back. Runs {@code mlops deploy-canary} on the agent.
 */
public class MlopsDeployCanaryStep extends MlopsStep {

    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public MlopsDeployCanaryStep() {
        // every parameter is optional
    }

    @Override
    protected StepId cliStep() {
        return StepId.DEPLOY_CANARY;
    }

    @Extension
    @Symbol("mlopsDeployCanary")
    public static class DescriptorImpl extends MlopsStepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlopsDeployCanary";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Deploy a canary with mlops (deploy-canary)";
        }
    }
}
