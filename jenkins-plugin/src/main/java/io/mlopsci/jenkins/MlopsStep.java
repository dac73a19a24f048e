package io.mlopsci.jenkins;

import io.mlopsci.contract.StepId;
import io.mlopsci.jenkins.engine.EngineInvocation;
import io.mlopsci.jenkins.engine.GitHubPublishCommand;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What every {@code mlops*} step takes: the CLI contract's options, the build-result thresholds,
 * credentials and publishing switches. A concrete step only names its CLI step (and adds its own
 * switches); all of them run through {@link MlopsStepExecution}.
 */
public abstract class MlopsStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The configuration file when the step does not name one. */
    public static final String DEFAULT_CONFIG = "mlops.yaml";

    private String config = DEFAULT_CONFIG;
    private String workdir;
    private String out;
    private ArrayList<String> overrides = new ArrayList<>();
    private Threshold failOn = Threshold.FAIL;
    private Threshold unstableOn = Threshold.WARN;
    private String mlflowTrackingUri;
    private String mlflowCredentialsId;
    private String registryCredentialsId;
    private String githubCredentialsId;
    private String githubRepository;
    private String githubComment;
    private boolean githubCheckRun = true;
    private boolean skipPublishingChecks;
    private boolean skipJUnit;
    private String engine;

    /** The CLI step this Pipeline step runs, e.g. {@code evaluate-gate}. */
    protected abstract StepId cliStep();

    /** Step-specific CLI switches, e.g. {@code --no-cache}. */
    protected List<String> switches() {
        return List.of();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new MlopsStepExecution(this, context);
    }

    /** The engine call this step makes. */
    public EngineInvocation invocation() {
        return new EngineInvocation(cliStep(), config, workdir, out, overrides, switches());
    }

    public String getConfig() {
        return config;
    }

    @DataBoundSetter
    public void setConfig(String config) {
        String c = trimToNull(config);
        this.config = c == null ? DEFAULT_CONFIG : c;
    }

    public String getWorkdir() {
        return workdir;
    }

    @DataBoundSetter
    public void setWorkdir(String workdir) {
        this.workdir = trimToNull(workdir);
    }

    public String getOut() {
        return out;
    }

    @DataBoundSetter
    public void setOut(String out) {
        this.out = trimToNull(out);
    }

    public List<String> getOverrides() {
        return List.copyOf(overrides);
    }

    /** {@code PATH=VALUE} pairs passed as {@code --set}, e.g. {@code gate.metrics.f1.min=0.8}. */
    @DataBoundSetter
    public void setOverrides(List<String> overrides) {
        ArrayList<String> checked = new ArrayList<>();
        for (String o : overrides == null ? List.<String>of() : overrides) {
            String t = o == null ? "" : o.trim();
            if (t.isEmpty()) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "overrides must be PATH=VALUE pairs such as " + "'gate.metrics.f1.min=0.8', got '" + o + "'");
            }
            checked.add(t);
        }
        this.overrides = checked;
    }

    public String getFailOn() {
        return failOn.name();
    }

    /** The lowest verdict that fails the build: {@code WARN}, {@code FAIL} (default) or {@code NEVER}. */
    @DataBoundSetter
    public void setFailOn(String failOn) {
        this.failOn = failOn == null || failOn.isBlank() ? Threshold.FAIL : Threshold.parse("failOn", failOn);
    }

    public String getUnstableOn() {
        return unstableOn.name();
    }

    /** The lowest verdict that marks the build and stage unstable: {@code WARN} (default), {@code FAIL} or {@code NEVER}. */
    @DataBoundSetter
    public void setUnstableOn(String unstableOn) {
        this.unstableOn =
                unstableOn == null || unstableOn.isBlank() ? Threshold.WARN : Threshold.parse("unstableOn", unstableOn);
    }

    Threshold failOnThreshold() {
        return failOn;
    }

    Threshold unstableOnThreshold() {
        return unstableOn;
    }

    public String getMlflowTrackingUri() {
        return mlflowTrackingUri;
    }

    @DataBoundSetter
    public void setMlflowTrackingUri(String mlflowTrackingUri) {
        this.mlflowTrackingUri = trimToNull(mlflowTrackingUri);
    }

    public String getMlflowCredentialsId() {
        return mlflowCredentialsId;
    }

    @DataBoundSetter
    public void setMlflowCredentialsId(String mlflowCredentialsId) {
        this.mlflowCredentialsId = trimToNull(mlflowCredentialsId);
    }

    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = trimToNull(registryCredentialsId);
    }

    public String getGithubCredentialsId() {
        return githubCredentialsId;
    }

    @DataBoundSetter
    public void setGithubCredentialsId(String githubCredentialsId) {
        this.githubCredentialsId = trimToNull(githubCredentialsId);
    }

    public String getGithubRepository() {
        return githubRepository;
    }

    @DataBoundSetter
    public void setGithubRepository(String githubRepository) {
        this.githubRepository = GitHubPublishCommand.repository(trimToNull(githubRepository));
    }

    public String getGithubComment() {
        return githubComment;
    }

    /** When the PR comment is written: {@code always}, {@code on-failure} or {@code off}; unset lets the engine decide. */
    @DataBoundSetter
    public void setGithubComment(String githubComment) {
        this.githubComment = GitHubPublishCommand.commentMode(trimToNull(githubComment));
    }

    public boolean isGithubCheckRun() {
        return githubCheckRun;
    }

    /** Whether the engine's publisher also creates a check run (or a commit status); on by default, as in the engine. */
    @DataBoundSetter
    public void setGithubCheckRun(boolean githubCheckRun) {
        this.githubCheckRun = githubCheckRun;
    }

    public boolean isSkipPublishingChecks() {
        return skipPublishingChecks;
    }

    @DataBoundSetter
    public void setSkipPublishingChecks(boolean skipPublishingChecks) {
        this.skipPublishingChecks = skipPublishingChecks;
    }

    public boolean isSkipJUnit() {
        return skipJUnit;
    }

    @DataBoundSetter
    public void setSkipJUnit(boolean skipJUnit) {
        this.skipJUnit = skipJUnit;
    }

    /** The engine installation (Manage Jenkins › Tools); null: the first configured, else the default download. */
    public String getEngine() {
        return engine;
    }

    @DataBoundSetter
    public void setEngine(String engine) {
        this.engine = trimToNull(engine);
    }

    static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
