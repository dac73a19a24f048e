package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.tasks.junit.TestResultAction;
import hudson.util.Secret;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.util.CapturingChecksPublisher;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Real Pipelines on a real agent with the engine installed there by the tool installer (from this
 * build's engine distribution): the JVM sample from test-repos/ trained and gated; a degraded model
 * fails the build with the reason in the log (or marks it unstable when asked); the build page
 * shows the gate table; the criteria are test results attributed to their stage; checks are
 * published under the stage's name; secrets are masked.
 */
@WithJenkins
public class MlopsPipelineTest {

    /** SezPoz reads this field reflectively: it and its class must be public. */
    @TestExtension
    public static final CapturingChecksPublisher.Factory CHECKS = new CapturingChecksPublisher.Factory();

    private JenkinsRule j;
    private DumbSlave agent;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        agent = j.createOnlineSlave(Label.get("agents"));
        CHECKS.getPublishedChecks().clear();
        Engines.install();
    }

    /** A Pipeline job whose agent workspace holds test-repos/jvm-classifier. */
    private WorkflowJob job(String name, String script) throws Exception {
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        Path sample = Path.of(System.getProperty("mlops.repoRoot", ".."), "test-repos", "jvm-classifier");
        assertThat(sample).isDirectory();
        FilePath ws = agent.getWorkspaceFor(p);
        ws.mkdirs();
        new FilePath(sample.toFile()).copyRecursiveTo(ws);
        return p;
    }

    @Test
    void trainsAndGatesOnTheAgentAndShowsTheGateOnTheBuildPage() throws Exception {
        WorkflowJob p = job("good", """
                node('agents') {
                  mlopsTrain()
                  def r = mlopsEvaluateGate failOn: 'FAIL', unstableOn: 'NEVER'
                  echo "verdict=${r.verdict} model=${r.modelName} auc=${r.metrics.roc_auc} failed=${r.failed.size()}"
                }
                """);
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("train | epoch 300", b);
        j.assertLogContains("model=jvm-fraud auc=0.", b);
        j.assertLogContains("failed=0", b);
        j.assertLogContains("mlops: installing the engine", b);
        j.assertLogContains(agent.getRootPath().child("tools").getRemote(), b);

        List<MlopsResultAction> actions = b.getActions(MlopsResultAction.class);
        assertThat(actions)
                .extracting(MlopsResultAction::getUrlName)
                .containsExactly("mlops-train", "mlops-evaluate-gate");
        assertThat(actions.get(1).getCriteria())
                .extracting(CriterionRow::getId)
                .contains("roc_auc.min", "accuracy.min");
        assertThat(b.getAction(TestResultAction.class).getTotalCount()).isGreaterThanOrEqualTo(9);

        JenkinsRule.WebClient wc = j.createWebClient();
        HtmlPage page = wc.getPage(b);
        assertThat(page.asNormalizedText())
                .contains("MLOps evaluate-gate")
                .contains("roc_auc.min")
                .contains("Full HTML report");
        HtmlPage details = wc.getPage(b, "mlops-evaluate-gate/");
        assertThat(details.asNormalizedText())
                .contains("Criteria")
                .contains("accuracy.min")
                .contains("result.json");
        assertThat(wc.goTo(b.getUrl() + "mlops-evaluate-gate/report/report.html", null)
                        .getWebResponse()
                        .getContentAsString())
                .contains("roc_auc");

        List<ChecksDetails> checks = CHECKS.getPublishedChecks();
        assertThat(checks)
                .extracting(c -> c.getName().orElseThrow())
                .containsExactly("mlops / train", "mlops / evaluate-gate");
        assertThat(checks.get(1).getConclusion()).isIn(ChecksConclusion.SUCCESS, ChecksConclusion.NEUTRAL);
    }

    @Test
    void aFailingGateFailsTheBuildWithTheReasonInTheLog() throws Exception {
        WorkflowJob p = job("degraded", """
                node('agents') {
                  mlopsTrain overrides: ['train.params.features=1']
                  mlopsEvaluateGate overrides: ['train.params.features=1']
                  echo 'not reached'
                }
                """);
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("ERROR: mlops evaluate-gate: quality gate failed — ", b);
        j.assertLogContains("roc_auc.min (", b);
        j.assertLogNotContains("not reached", b);
        assertThat(b.getActions(MlopsResultAction.class).get(1).getVerdict()).isEqualTo("FAIL");
        assertThat(b.getAction(TestResultAction.class).getFailCount()).isGreaterThanOrEqualTo(2);
        assertThat(CHECKS.getPublishedChecks().get(1).getConclusion()).isEqualTo(ChecksConclusion.FAILURE);
    }

    @Test
    void aFailingGateCanMarkBuildAndStageUnstable() throws Exception {
        WorkflowJob p = job("unstable", """
                node('agents') {
                  stage('gate') {
                    mlopsTrain overrides: ['train.params.features=1']
                    def r = mlopsEvaluateGate overrides: ['train.params.features=1'], failOn: 'NEVER', unstableOn: 'FAIL'
                    echo "after the gate: ${r.verdict} ${r.buildResult}"
                  }
                }
                """);
        WorkflowRun b = j.buildAndAssertStatus(Result.UNSTABLE, p);
        j.assertLogContains("after the gate: FAIL UNSTABLE", b);
        assertThat(CHECKS.getPublishedChecks())
                .extracting(c -> c.getName().orElseThrow())
                .as("checks name the stage")
                .containsExactly("mlops / gate / train", "mlops / gate / evaluate-gate");
        assertThat(b.getAction(TestResultAction.class).getResult().getSuites())
                .as("the criteria are attributed to their stage (PipelineTestDetails)")
                .allSatisfy(suite -> assertThat(suite.getEnclosingBlockNames()).containsExactly("gate"));
        assertThat(b.getAction(MlopsResultAction.class).getDisplayName()).isEqualTo("MLOps train (gate)");
        List<WarningAction> warnings = new DepthFirstScanner()
                .allNodes(b.getExecution()).stream()
                        .map(n -> n.getAction(WarningAction.class))
                        .filter(w -> w != null)
                        .toList();
        assertThat(warnings).isNotEmpty();
        assertThat(warnings.get(0).getResult()).isEqualTo(Result.UNSTABLE);
        assertThat(warnings.get(0).getMessage()).contains("quality gate failed").contains("roc_auc.min");
    }

    @Test
    void aConfigurationErrorSaysSoInWords() throws Exception {
        WorkflowJob p = job("config-error", """
                node('agents') {
                  mlopsRun overrides: ['gate.metrics.roc_auc.min=high']
                }
                """);
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("ERROR: mlops run: usage or configuration error (exit 2): ", b);
        j.assertLogContains("'gate.metrics.roc_auc.min': expected a number", b);
    }

    @Test
    void secretsAreMaskedInTheLog() throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "mlflow", "MLflow token", Secret.fromString("tok-9f8e7d6c5b4a")));
        WorkflowJob p = job("masked", """
                node('agents') {
                  mlopsTrain mlflowCredentialsId: 'mlflow', noCache: true
                }
                """);
        FilePath yaml = agent.getWorkspaceFor(p).child("mlops.yaml");
        yaml.write(
                yaml.readToString()
                        .replace(
                                "command: [java, src/Train.java, --train, \"${data.train}\", --eval, \"${data.eval}\", --out, \"${train.output}\"]",
                                "command: [sh, -c, 'echo \"training with token $MLFLOW_TRACKING_TOKEN\"; exec java src/Train.java --train \"$0\" --eval \"$1\" --out \"$2\"',"
                                        + " \"${data.train}\", \"${data.eval}\", \"${train.output}\"]"),
                "UTF-8");
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("training with token ***", b); // masked by the engine (MLOPS_MASK) and by the step
        j.assertLogNotContains("tok-9f8e7d6c5b4a", b);
        assertThat(Files.readString(new File(b.getRootDir(), "log").toPath(), StandardCharsets.UTF_8))
                .doesNotContain("tok-9f8e7d6c5b4a");
    }

    @Test
    void parallelBranchesGetTheirOwnChecksAndTestResults() throws Exception {
        WorkflowJob p = job("parallel", """
                node('agents') {
                  mlopsTrain()
                }
                stage('gates') {
                  parallel strict: {
                    node('agents') { mlopsEvaluateGate unstableOn: 'NEVER' }
                  }, lenient: {
                    node('agents') { mlopsEvaluateGate failOn: 'NEVER', unstableOn: 'NEVER' }
                  }
                }
                """);
        WorkflowRun b = j.buildAndAssertSuccess(p);
        assertThat(CHECKS.getPublishedChecks())
                .extracting(c -> c.getName().orElseThrow())
                .contains("mlops / gates / strict / evaluate-gate", "mlops / gates / lenient / evaluate-gate");
        assertThat(b.getAction(TestResultAction.class).getResult().getSuites())
                .extracting(suite -> String.join("/", suite.getEnclosingBlockNames()))
                .contains("strict/gates", "lenient/gates");
    }

    @Test
    void runsTheWholePipelineInOneStep() throws Exception {
        WorkflowJob p = job("run", """
                node('agents') {
                  def r = mlopsRun()
                  echo "steps=${r.steps.collect { it.step + ':' + it.verdict }.join(',')}"
                }
                """);
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("train:PASS", b);
        j.assertLogContains("evaluate-gate:PASS", b);
        assertThat(b.getAction(MlopsResultAction.class).getSteps()).isNotEmpty();
        assertThat(new File(b.getRootDir(), "mlops-ci/mlops-run/train/report.html"))
                .exists();
    }
}
