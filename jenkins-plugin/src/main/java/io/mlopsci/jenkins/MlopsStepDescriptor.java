package io.mlopsci.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.mlopsci.jenkins.engine.GitHubPublishCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * What the descriptors of all {@code mlops*} steps share: the context they need (a workspace on an
 * agent), the Snippet Generator's lists and checks, and the overrides text area.
 */
public abstract class MlopsStepDescriptor extends StepDescriptor {

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class, Computer.class);
    }

    /** The overrides come from a text area, one {@code PATH=VALUE} per line, as {@code withEnv} does it. */
    @Override
    public Step newInstance(StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
        Object text = formData.remove("overrides");
        MlopsStep step = (MlopsStep) super.newInstance(req, formData);
        step.setOverrides(lines(text == null ? "" : text.toString()));
        return step;
    }

    @Override
    public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
        Object config = namedArgs.get("config");
        return config instanceof String s ? s : null;
    }

    /** Whether the step has a {@code noCache} switch (the shared form shows it only then). */
    public boolean isNoCacheOption() {
        return false;
    }

    /** Whether the step has an {@code at} parameter (the end of a monitoring window). */
    public boolean isAtOption() {
        return false;
    }

    /** The overrides as the text area shows them. */
    public String overridesText(MlopsStep step) {
        return step == null ? "" : String.join("\n", step.getOverrides());
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isBlank()) {
                out.add(line.trim());
            }
        }
        return out;
    }

    public ListBoxModel doFillFailOnItems() {
        return thresholds(
                "FAIL (default): a failed gate fails the build",
                "WARN: warnings fail it too",
                "NEVER: never fail the build for a verdict");
    }

    public ListBoxModel doFillUnstableOnItems() {
        return thresholds(
                "FAIL: a failed gate marks the build unstable (set failOn to NEVER)",
                "WARN (default): warnings mark the build unstable",
                "NEVER: never mark it unstable");
    }

    private static ListBoxModel thresholds(String fail, String warn, String never) {
        ListBoxModel m = new ListBoxModel();
        m.add(fail, Threshold.FAIL.name());
        m.add(warn, Threshold.WARN.name());
        m.add(never, Threshold.NEVER.name());
        return m;
    }

    /** The engine installations (Manage Jenkins › Tools › mlops engine); empty: the first, else the default download. */
    public ListBoxModel doFillEngineItems() {
        ListBoxModel m = new ListBoxModel();
        m.add("(default)", "");
        for (io.mlopsci.jenkins.tool.MlopsEngineInstallation i :
                io.mlopsci.jenkins.tool.EngineInstallations.configured()) {
            m.add(i.getName(), i.getName());
        }
        return m;
    }

    public ListBoxModel doFillGithubCommentItems() {
        ListBoxModel m = new ListBoxModel();
        m.add("(engine default)", "");
        m.add("always", "always");
        m.add("on-failure", "on-failure");
        m.add("off", "off");
        return m;
    }

    @POST
    public FormValidation doCheckOverrides(@AncestorInPath Item item, @QueryParameter String value) {
        if (item != null) {
            item.checkPermission(Item.CONFIGURE);
        }
        for (String line : lines(value == null ? "" : value)) {
            if (line.indexOf('=') <= 0) {
                return FormValidation.error("Not PATH=VALUE: " + line);
            }
        }
        return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckGithubRepository(@AncestorInPath Item item, @QueryParameter String value) {
        if (item != null) {
            item.checkPermission(Item.CONFIGURE);
        }
        try {
            GitHubPublishCommand.repository(MlopsStep.trimToNull(value));
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    public ListBoxModel doFillMlflowCredentialsIdItems(
            @AncestorInPath Item item, @QueryParameter String mlflowCredentialsId) {
        return CredentialsLists.forItem(item, mlflowCredentialsId);
    }

    public ListBoxModel doFillRegistryCredentialsIdItems(
            @AncestorInPath Item item, @QueryParameter String registryCredentialsId) {
        return CredentialsLists.forItem(item, registryCredentialsId);
    }

    public ListBoxModel doFillGithubCredentialsIdItems(
            @AncestorInPath Item item, @QueryParameter String githubCredentialsId) {
        return CredentialsLists.forItem(item, githubCredentialsId);
    }
}
