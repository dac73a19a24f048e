package io.mlopsci.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.mlopsci.contract.StepId;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code mlopsEvaluateGate}: Judges the trained candidate against absolute thresholds and the
 * champion; registers and promotes it when it passes. Runs {@code mlops evaluate-gate} on the
 * agent.
 */
public class MlopsEvaluateGateStep extends MlopsStep {

    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public MlopsEvaluateGateStep() {
        // every parameter is optional
    }

    @Override
    protected StepId cliStep() {
        return StepId.EVALUATE_GATE;
    }

    @Extension
    @Symbol("mlopsEvaluateGate")
    public static class DescriptorImpl extends MlopsStepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlopsEvaluateGate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Evaluate the model quality gate with mlops (evaluate-gate)";
        }
    }
}
