package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlopsRunStepIT {

    @TempDir
    Path tmp;

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void runsTheWholePipelineAndReportsEveryStep() throws Exception {
        OfflineJenkins.requireEngine();
        OfflineJenkins jenkins = OfflineJenkins.withSample("jvm-classifier", tmp);
        OfflineJenkins.StepRun r = jenkins.execute(new MlopsRunStep());
        Map<String, Object> value = r.map();
        ResultMapTest.assertSandboxSafe(value, "mlopsRun()");
        assertThat(value).containsEntry("step", "run").containsEntry("resultFile", ".mlops/out/result.json");
        assertThat(value.get("verdict")).isIn("PASS", "WARN");
        assertThat(((Map<?, ?>) value.get("metrics")).containsKey("roc_auc"))
                .as("metrics from the train step's result")
                .isTrue();
        List<?> steps = (List<?>) value.get("steps");
        assertThat(steps.stream().map(s -> (Object) ((Map<?, ?>) s).get("step")).toList())
                .contains("train", "evaluate-gate");
        assertThat(steps)
                .filteredOn(s -> "train".equals(((Map<?, ?>) s).get("step")))
                .singleElement()
                .satisfies(s -> assertThat(((Map<?, ?>) s).get("verdict")).isEqualTo("PASS"));

        MlopsResultAction action = jenkins.run.getAction(MlopsResultAction.class);
        assertThat(action.getUrlName()).isEqualTo("mlops-run");
        assertThat(action.getSteps()).extracting(s -> s.step()).contains("train", "evaluate-gate");
        assertThat(action.getCriteria()).extracting(CriterionRow::getId).contains("roc_auc.min");
        Path dir = jenkins.run.getRootDir().toPath().resolve("mlops-ci/mlops-run");
        assertThat(dir.resolve("result.json")).exists();
        assertThat(dir.resolve("report.html")).exists();
        assertThat(dir.resolve("train/report.html"))
                .as("each step's reports are kept too")
                .exists();
        assertThat(dir.resolve("evaluate-gate/result.json")).exists();
        assertThat(dir.resolve("train/output"))
                .as("model files are not copied into the build")
                .doesNotExist();
    }

    @Test
    void aConfigurationErrorIsTheUsersFaultSaidInWordsWithTheFileAndField() throws Exception {
        OfflineJenkins.requireEngine();
        OfflineJenkins jenkins = OfflineJenkins.withSample("jvm-classifier", tmp);
        MlopsRunStep step = new MlopsRunStep();
        step.setOverrides(List.of("gate.metrics.roc_auc.min=high"));
        OfflineJenkins.StepRun r = jenkins.execute(step);
        assertThat(r.error())
                .isInstanceOf(AbortException.class)
                .hasMessage(
                        "mlops run: usage or configuration error (exit 2): "
                                + "--set gate.metrics.roc_auc.min=high: 'gate.metrics.roc_auc.min': expected a number, got a string (\"high\")");
        EngineOracle.assertMappedAsTheEngineSays(r, jenkins.sandbox.out("result.json"), "run");
        assertThat(jenkins.run.getAction(MlopsResultAction.class).getVerdict()).isEqualTo("ERROR");
    }
}
