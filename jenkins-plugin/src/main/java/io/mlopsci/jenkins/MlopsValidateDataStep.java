package io.mlopsci.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.mlopsci.contract.StepId;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code mlopsValidateData}: Checks the data files (schema, constraints, leakage, drift) before
 * training. Runs {@code mlops validate-data} on the agent.
 */
public class MlopsValidateDataStep extends MlopsStep {

    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public MlopsValidateDataStep() {
        // every parameter is optional
    }

    @Override
    protected StepId cliStep() {
        return StepId.VALIDATE_DATA;
    }

    @Extension
    @Symbol("mlopsValidateData")
    public static class DescriptorImpl extends MlopsStepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlopsValidateData";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Validate the data with mlops (validate-data)";
        }
    }
}
