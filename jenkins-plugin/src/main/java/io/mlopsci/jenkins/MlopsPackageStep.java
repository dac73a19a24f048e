package io.mlopsci.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.mlopsci.contract.StepId;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code mlopsPackage}: Builds the model's OCI image and records its digest on the model version.
 * Runs {@code mlops package} on the agent.
 */
public class MlopsPackageStep extends MlopsStep {

    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public MlopsPackageStep() {
        // every parameter is optional
    }

    @Override
    protected StepId cliStep() {
        return StepId.PACKAGE;
    }

    @Extension
    @Symbol("mlopsPackage")
    public static class DescriptorImpl extends MlopsStepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlopsPackage";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Package the model as an image with mlops (package)";
        }
    }
}
