package io.mlopsci.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.mlopsci.contract.RunOptions;
import io.mlopsci.contract.StepId;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code mlopsRun}: Runs every configured step in order and stops at the first that does not
 * pass; rolls back a failed canary. Runs {@code mlops run} on the agent.
 */
public class MlopsRunStep extends MlopsStep {

    private static final long serialVersionUID = 1L;

    private boolean noCache;

    @DataBoundConstructor
    public MlopsRunStep() {
        // every parameter is optional
    }

    @Override
    protected StepId cliStep() {
        return StepId.RUN;
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
        return new RunOptions(noCache).arguments();
    }

    @Extension
    @Symbol("mlopsRun")
    public static class DescriptorImpl extends MlopsStepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlopsRun";
        }

        @Override
        public boolean isNoCacheOption() {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Run the whole mlops pipeline (run)";
        }
    }
}
