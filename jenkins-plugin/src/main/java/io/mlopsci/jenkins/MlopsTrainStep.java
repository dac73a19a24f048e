package io.mlopsci.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.TrainOptions;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code mlopsTrain}: Runs the configured training command, or reuses a cached run with the same
 * inputs, and records the run. Runs {@code mlops train} on the agent.
 */
public class MlopsTrainStep extends MlopsStep {

    private static final long serialVersionUID = 1L;

    private boolean noCache;

    @DataBoundConstructor
    public MlopsTrainStep() {
        // every parameter is optional
    }

    @Override
    protected StepId cliStep() {
        return StepId.TRAIN;
    }

    public boolean isNoCache() {
        return noCache;
    }

    /** Train even when the run cache holds a run with the same inputs. */
    @DataBoundSetter
    public void setNoCache(boolean noCache) {
        this.noCache = noCache;
    }

    @Override
    protected List<String> switches() {
        return new TrainOptions(noCache, false).arguments();
    }

    @Extension
    @Symbol("mlopsTrain")
    public static class DescriptorImpl extends MlopsStepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlopsTrain";
        }

        @Override
        public boolean isNoCacheOption() {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Train a model with mlops (train)";
        }
    }
}
