package io.mlopsci.jenkins;

import hudson.FilePath;
import hudson.model.DirectoryBrowserSupport;
import hudson.model.Run;
import io.mlopsci.contract.Layout;
import io.mlopsci.contract.result.ResultJson;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.StepSummary;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;

/**
 * One engine step's result on the build page: {@code summary.jelly} shows the verdict and the gate
 * table on the build's main page, {@code index.jelly} the whole result, and {@code report/} serves
 * the engine's own reports (HTML, Markdown, JUnit XML, result.json) copied into the build directory.
 * Only a few strings are stored in build.xml; the criteria are read back from the copied
 * result.json when a page asks for them.
 */
public final class MlopsResultAction implements RunAction2 {

    /** Where reports live inside the build directory: {@code <build>/mlops-ci/<urlName>/}. */
    static final String DIR = "mlops-ci";

    private final String step;
    private final String stage;
    private final String urlName;
    private final String verdict;
    private final String summary;
    private final String outcome;
    private final String modelName;
    private final String modelVersion;

    private transient Run<?, ?> owner;
    private transient volatile StepResult result;

    /** @param stage the enclosing stages and branches ({@code a / b}), or null outside any */
    MlopsResultAction(String step, String stage, String urlName, StepResult result, BuildOutcome outcome) {
        this.step = step;
        this.stage = stage;
        this.urlName = urlName;
        this.verdict = result.verdict().name();
        this.summary = result.summary();
        this.outcome = outcome.result().toString();
        this.modelName = result.model() == null ? null : result.model().name();
        this.modelVersion = result.model() == null ? null : result.model().version();
        this.result = result;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.owner = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.owner = r;
    }

    public Run<?, ?> getOwner() {
        return owner;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return "MLOps " + step + (stage == null ? "" : " (" + stage + ")");
    }

    @Override
    public String getUrlName() {
        return urlName;
    }

    public String getStep() {
        return step;
    }

    /** The stages and parallel branches the step ran in ({@code a / b}), or null outside any. */
    public String getStage() {
        return stage;
    }

    public String getVerdict() {
        return verdict;
    }

    public String getSummary() {
        return summary;
    }

    /** The build result this step asked for (SUCCESS, UNSTABLE or FAILURE). */
    public String getOutcome() {
        return outcome;
    }

    public String getModelName() {
        return modelName;
    }

    public String getModelVersion() {
        return modelVersion;
    }

    /** A Jenkins colour class for the verdict. */
    public String getVerdictClass() {
        return switch (verdict) {
            case "PASS", "SKIPPED" -> "jenkins-!-success-color";
            case "WARN" -> "jenkins-!-warning-color";
            default -> "jenkins-!-error-color";
        };
    }

    /** Every criterion, in the engine's order. */
    public List<CriterionRow> getCriteria() {
        StepResult r = result();
        return r == null
                ? List.of()
                : r.criteria().stream().map(CriterionRow::new).toList();
    }

    /** The criteria that did not pass (what the build page shows first). */
    public List<CriterionRow> getProblems() {
        return getCriteria().stream().filter(c -> !"PASS".equals(c.getStatus())).toList();
    }

    /** The examples that regressed against the champion, one block per metric (the gate's change rules). */
    public List<RegressedExamples> getRegressed() {
        StepResult r = result();
        return r == null ? List.of() : RegressedExamples.of(r.criteria());
    }

    public List<String> getNotes() {
        StepResult r = result();
        return r == null ? List.of() : r.notes();
    }

    /** For {@code mlopsRun}: one line per step of the pipeline. */
    public List<StepSummary> getSteps() {
        StepResult r = result();
        return r == null || r.steps() == null ? List.of() : r.steps();
    }

    public String getError() {
        StepResult r = result();
        return r == null || r.error() == null ? null : r.error().message();
    }

    /** Whether the engine's HTML report was copied into the build. */
    public boolean isHtmlReport() {
        File dir = reportDir();
        return dir != null && new File(dir, Layout.HTML).isFile();
    }

    /** The copied reports, served at {@code <build>/<urlName>/report/}. */
    public DirectoryBrowserSupport doReport() {
        return new DirectoryBrowserSupport(
                this, new FilePath(reportDir()), "MLOps " + step + " report", "symbol-analytics", false);
    }

    /** The directory in the build that holds this step's reports. */
    File reportDir() {
        return owner == null ? null : new File(new File(owner.getRootDir(), DIR), urlName);
    }

    private StepResult result() {
        StepResult r = result;
        if (r == null && reportDir() != null) {
            File json = new File(reportDir(), Layout.RESULT);
            try {
                r = ResultJson.read(json.toPath());
                result = r;
            } catch (IOException e) {
                Logger.getLogger(MlopsResultAction.class.getName()).log(Level.FINE, "cannot read " + json, e);
            }
        }
        return r;
    }
}
