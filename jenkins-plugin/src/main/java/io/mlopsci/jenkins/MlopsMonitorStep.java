package io.mlopsci.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.mlopsci.contract.MonitorOptions;
import io.mlopsci.contract.StepId;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code mlopsMonitor}: Checks one window of the production records of the model an alias names
 * (drift, data rules, live metrics, volume, freshness) and says whether to retrain. Runs
 * {@code mlops monitor} on the agent; the returned map's {@code retrain} is for the Jenkinsfile to
 * act on, e.g. {@code if (r.retrain) build job: 'fraud-train'}.
 */
public class MlopsMonitorStep extends MlopsStep {

    private static final long serialVersionUID = 1L;

    private String at;

    @DataBoundConstructor
    public MlopsMonitorStep() {
        // every parameter is optional
    }

    @Override
    protected StepId cliStep() {
        return StepId.MONITOR;
    }

    public String getAt() {
        return at;
    }

    /** The end of the window to check (ISO-8601 instant); unset: now. */
    @DataBoundSetter
    public void setAt(String at) {
        this.at = instant(trimToNull(at)) == null ? null : trimToNull(at);
    }

    @Override
    protected List<String> switches() {
        return new MonitorOptions(instant(at)).arguments();
    }

    /** {@code text} as an instant, null for null; a message naming the parameter otherwise. */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "at must be an ISO-8601 instant such as '2026-01-05T00:00:00Z', got '" + text + "'");
        }
    }

    @Extension
    @Symbol("mlopsMonitor")
    public static class DescriptorImpl extends MlopsStepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlopsMonitor";
        }

        @Override
        public boolean isAtOption() {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Monitor the model in production with mlops (monitor)";
        }

        @POST
        public FormValidation doCheckAt(@AncestorInPath Item item, @QueryParameter String value) {
            if (item != null) {
                item.checkPermission(Item.CONFIGURE);
            }
            try {
                instant(trimToNull(value));
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
