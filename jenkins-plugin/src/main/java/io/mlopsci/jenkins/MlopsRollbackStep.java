package io.mlopsci.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.mlopsci.contract.StepId;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code mlopsRollback}: Restores the previous stable version: traffic, running version and
 * registry alias. Runs {@code mlops rollback} on the agent.
 */
public class MlopsRollbackStep extends MlopsStep {

    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public MlopsRollbackStep() {
        // every parameter is optional
    }

    @Override
    protected StepId cliStep() {
        return StepId.ROLLBACK;
    }

    @Extension
    @Symbol("mlopsRollback")
    public static class DescriptorImpl extends MlopsStepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlopsRollback";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Roll back the model deployment with mlops (rollback)";
        }
    }
}
