package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.model.Result;
import hudson.tasks.junit.TestResultAction;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.mlopsci.core.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on the JVM sample, trained for real once per scenario (the engine's run cache makes
 * repeats cheap): a good model passes; a degraded one fails the build with the failed criteria
 * named, or marks build and stage unstable when asked; warnings mark it unstable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MlopsEvaluateGateStepIT {

    private static final List<String> DEGRADED = List.of("train.params.features=1");

    @TempDir
    static Path tmp;

    private Sandbox sample;
    private int builds;

    @BeforeAll
    void sample() throws Exception {
        OfflineJenkins.requireEngine();
        sample = OfflineJenkins.withSample("jvm-classifier", tmp).sandbox;
    }

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    private OfflineJenkins build() throws Exception {
        return OfflineJenkins.inWorkspace(sample, Files.createDirectories(tmp.resolve("build" + ++builds)));
    }

    private static MlopsTrainStep train(List<String> overrides) {
        MlopsTrainStep t = new MlopsTrainStep();
        t.setOverrides(overrides);
        return t;
    }

    private static MlopsEvaluateGateStep gate(List<String> overrides) {
        MlopsEvaluateGateStep g = new MlopsEvaluateGateStep();
        g.setOverrides(overrides);
        return g;
    }

    @Test
    void aGoodModelPassesAndIsShownOnTheBuildPage() throws Exception {
        OfflineJenkins jenkins = build();
        jenkins.execute(train(List.of())).map();
        OfflineJenkins.StepRun r = jenkins.execute(gate(List.of()));
        Map<String, Object> value = r.map();
        assertThat(value.get("verdict")).isIn("PASS", "WARN");
        assertThat(value).containsKey("metrics").containsEntry("modelName", "jvm-fraud");
        assertThat(((Map<?, ?>) value.get("metrics")).containsKey("roc_auc")).isTrue();

        MlopsResultAction action =
                jenkins.run.getActions(MlopsResultAction.class).get(1);
        assertThat(action.getUrlName()).isEqualTo("mlops-evaluate-gate");
        assertThat(action.getCriteria())
                .extracting(CriterionRow::getId)
                .contains("roc_auc.min", "accuracy.min", "log_loss.max");
        assertThat(action.getCriteria())
                .filteredOn(c -> c.getId().equals("roc_auc.min"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo("PASS");
                    assertThat(c.getExpected()).isEqualTo("≥ 0.8000");
                    assertThat(c.getActual()).matches("0\\.\\d{4}");
                });
        assertThat(action.isHtmlReport()).isTrue();
        assertThat(action.doReport().base().child("report.html").exists()).isTrue();
        TestResultAction tests = jenkins.run.getAction(TestResultAction.class);
        assertThat(tests.getTotalCount())
                .as("one test case per criterion (plus train's)")
                .isGreaterThanOrEqualTo(action.getCriteria().size());
        assertThat(jenkins.checks).last().satisfies(c -> {
            assertThat(c.getName()).contains("mlops / evaluate-gate");
            assertThat(c.getConclusion()).isIn(ChecksConclusion.SUCCESS, ChecksConclusion.NEUTRAL);
            assertThat(c.getOutput().orElseThrow().getSummary().orElseThrow())
                    .contains("roc")
                    .contains("|");
            assertThat(c.getDetailsURL()).contains(OfflineJenkins.BUILD_URL + "mlops-evaluate-gate/");
        });
    }

    @Test
    void aDegradedModelFailsTheBuildNamingTheFailedCriteria() throws Exception {
        OfflineJenkins jenkins = build();
        jenkins.execute(train(DEGRADED)).map();
        OfflineJenkins.StepRun r = jenkins.execute(gate(DEGRADED));
        assertThat(r.error()).as(r.log()).isInstanceOf(AbortException.class);
        assertThat(r.error().getMessage())
                .startsWith("mlops evaluate-gate: quality gate failed — ")
                .contains("roc_auc.min (")
                .contains("accuracy.min (")
                .contains("is below the minimum 0.8000");
        EngineOracle.assertMappedAsTheEngineSays(r, sample.out("evaluate-gate", "result.json"), "evaluate-gate");
        // the junit plugin records the failures but does not decide the build result; the step does
        assertThat(jenkins.run.getAction(TestResultAction.class).getFailCount()).isGreaterThanOrEqualTo(2);
        assertThat(jenkins.run.getResult()).isNull();
        MlopsResultAction action =
                jenkins.run.getActions(MlopsResultAction.class).get(1);
        assertThat(action.getVerdict()).isEqualTo("FAIL");
        assertThat(action.getOutcome()).isEqualTo("FAILURE");
        assertThat(action.getProblems()).extracting(CriterionRow::getId).contains("roc_auc.min", "accuracy.min");
        assertThat(jenkins.checks)
                .last()
                .satisfies(c -> assertThat(c.getConclusion()).isEqualTo(ChecksConclusion.FAILURE));
    }

    @Test
    void aFailedGateCanMarkBuildAndStageUnstableInstead() throws Exception {
        OfflineJenkins jenkins = build();
        jenkins.execute(train(DEGRADED)).map();
        MlopsEvaluateGateStep step = gate(DEGRADED);
        step.setFailOn("NEVER");
        step.setUnstableOn("FAIL");
        OfflineJenkins.StepRun r = jenkins.execute(step);
        assertThat(r.map()).containsEntry("verdict", "FAIL").containsEntry("buildResult", "UNSTABLE");
        assertThat(r.map().get("failed").toString()).contains("roc_auc.min", "accuracy.min");
        assertThat(r.buildResult()).isEqualTo(Result.UNSTABLE);
        WarningAction warning = jenkins.node.getAction(WarningAction.class);
        assertThat(warning.getResult()).isEqualTo(Result.UNSTABLE);
        assertThat(warning.getMessage())
                .startsWith("mlops evaluate-gate: quality gate failed — ")
                .contains("roc_auc.min");
        assertThat(r.log()).contains("mlops evaluate-gate: quality gate failed — ");
        assertThat(jenkins.checks)
                .last()
                .satisfies(c -> assertThat(c.getConclusion()).isEqualTo(ChecksConclusion.NEUTRAL));
    }

    @Test
    void warningsMarkTheBuildUnstableByDefault() throws Exception {
        OfflineJenkins jenkins = build();
        jenkins.execute(train(List.of())).map();
        // f1 is a severity: warn metric in the sample; an unreachable minimum makes it warn
        MlopsEvaluateGateStep step = gate(List.of("gate.metrics.f1.min=0.99"));
        step.setSkipJUnit(true);
        step.setSkipPublishingChecks(true);
        OfflineJenkins.StepRun r = jenkins.execute(step);
        assertThat(r.map()).containsEntry("verdict", "WARN").containsEntry("buildResult", "UNSTABLE");
        assertThat(r.map().get("warnings").toString()).contains("f1.min");
        assertThat(r.buildResult()).isEqualTo(Result.UNSTABLE);
        assertThat(jenkins.node.getAction(WarningAction.class).getMessage())
                .contains("passed with warnings")
                .contains("f1.min");
        assertThat(jenkins.run.getAction(TestResultAction.class))
                .as("skipJUnit")
                .isNotNull(); // from the train step
        assertThat(jenkins.run.getAction(TestResultAction.class).getTotalCount())
                .as("only train's cases")
                .isEqualTo(1);
        assertThat(jenkins.checks)
                .as("skipPublishingChecks: only train's check")
                .hasSize(1);
    }
}
