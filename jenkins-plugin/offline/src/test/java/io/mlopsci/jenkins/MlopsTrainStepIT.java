package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.tasks.junit.TestResultAction;
import hudson.util.Secret;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlopsTrainStepIT {

    @TempDir
    Path tmp;

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void trainsTheJvmSampleOnTheAgentAndReturnsItsMetrics() throws Exception {
        OfflineJenkins.requireEngine();
        OfflineJenkins jenkins = OfflineJenkins.withSample("jvm-classifier", tmp);

        OfflineJenkins.StepRun first = jenkins.execute(new MlopsTrainStep());
        Map<String, Object> r = first.map();
        assertThat(r)
                .containsEntry("step", "train")
                .containsEntry("verdict", "PASS")
                .containsEntry("buildResult", "SUCCESS")
                .containsEntry("modelName", "jvm-fraud");
        assertThat(((Map<?, ?>) r.get("metrics")).keySet().toString())
                .contains("roc_auc", "accuracy", "f1", "log_loss");
        assertThat((double) ((Map<?, ?>) r.get("metrics")).get("roc_auc")).isBetween(0.8, 1.0);
        ResultMapTest.assertSandboxSafe(r, "mlopsTrain()");
        // the engine ran on the agent from its tool installation, with the agent's own java, as a
        // durable task whose output streamed into the log
        assertThat(first.log())
                .contains("mlops: on agent: ")
                .contains("-jar " + OfflineJenkins.engineHome().resolve("mlops.jar") + " train --config mlops.yaml")
                .contains("train | epoch 300")
                .contains("PASS (exit 0)")
                .contains("mlops train: PASS");
        assertThat(jenkins.run.getResult()).isNull();

        MlopsResultAction action = jenkins.run.getAction(MlopsResultAction.class);
        assertThat(action.getUrlName()).isEqualTo("mlops-train");
        assertThat(action.getVerdict()).isEqualTo("PASS");
        assertThat(jenkins.run.getRootDir().toPath().resolve("mlops-ci/mlops-train"))
                .isDirectoryContaining("glob:**/result.json")
                .isDirectoryContaining("glob:**/report.html");
        assertThat(jenkins.checks).singleElement().satisfies(c -> {
            assertThat(c.getName()).contains("mlops / train");
            assertThat(c.getConclusion()).isEqualTo(ChecksConclusion.SUCCESS);
        });
        assertThat(jenkins.run.getAction(TestResultAction.class)).isNotNull();

        OfflineJenkins.StepRun second = jenkins.execute(new MlopsTrainStep());
        assertThat(second.map().get("outputs"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("cacheHit", true);
        assertThat(second.log()).as("the run cache hit: no training").doesNotContain("train | epoch");
        assertThat(jenkins.run.getActions(MlopsResultAction.class))
                .extracting(MlopsResultAction::getUrlName)
                .containsExactly("mlops-train", "mlops-train-2");
    }

    @Test
    void secretsNeverReachTheLogEvenWhenTheTrainingCodePrintsThem() throws Exception {
        OfflineJenkins.requireEngine();
        OfflineJenkins jenkins = OfflineJenkins.withSample("jvm-classifier", tmp);
        // The training prints the MLflow token it gets (the engine knows that one is secret too) and a
        // GitHub token it should never have seen, from a file (only the step knows that one).
        String yaml = jenkins.sandbox
                .read("mlops.yaml")
                .replace(
                        "command: [java, src/Train.java, --train, \"${data.train}\", --eval, \"${data.eval}\", --out, \"${train.output}\"]",
                        "command: [sh, -c, 'echo \"training with token $MLFLOW_TRACKING_TOKEN\"; echo \"leaked $(cat leak.txt)\";"
                                + " exec java src/Train.java --train \"$0\" --eval \"$1\" --out \"$2\"',"
                                + " \"${data.train}\", \"${data.eval}\", \"${train.output}\"]");
        assertThat(yaml).contains("sh, -c");
        jenkins.sandbox.write("mlops.yaml", yaml);
        jenkins.sandbox.write("leak.txt", "ghp_Leaked0123456789");
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "mlflow", "MLflow token", Secret.fromString("tok-9f8e7d6c5b4a")));
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "github", "GitHub token", Secret.fromString("ghp_Leaked0123456789")));
        MlopsTrainStep step = new MlopsTrainStep();
        step.setMlflowCredentialsId("mlflow");
        step.setGithubCredentialsId("github");
        step.setNoCache(true);
        jenkins.env.put("MLOPS_PUBLISH_BACKOFF_MS", "1");
        MlopsGlobalConfiguration.get().setGithubApiUrl("http://127.0.0.1:9/api/v3");

        OfflineJenkins.StepRun r = jenkins.execute(step);
        r.map();
        assertThat(r.log())
                .containsPattern("train \\| training with token \\*{3,4}\\n")
                .contains("train | leaked ****\n")
                .doesNotContain("tok-9f8e7d6c5b4a")
                .doesNotContain("9f8e7d")
                .doesNotContain("ghp_Leaked0123456789")
                .doesNotContain("Leaked01");
        assertThat(jenkins.launched.get(0).env())
                .as("the engine is told which variables are secret")
                .containsEntry("MLOPS_MASK", "MLFLOW_TRACKING_TOKEN");
        assertThat(jenkins.log()).doesNotContain("tok-9f8e7d6c5b4a").doesNotContain("ghp_Leaked0123456789");
    }

    @Test
    void aBrokenTrainingCommandFailsTheBuildWithTheEnginesReason() throws Exception {
        OfflineJenkins.requireEngine();
        OfflineJenkins jenkins = OfflineJenkins.withSample("jvm-classifier", tmp);
        MlopsTrainStep step = new MlopsTrainStep();
        step.setOverrides(List.of("train.command=[java, src/NoSuch.java]"));
        OfflineJenkins.StepRun r = jenkins.execute(step);
        EngineOracle.assertMappedAsTheEngineSays(r, jenkins.sandbox.out("train", "result.json"), "train");
        assertThat(r.error())
                .isInstanceOf(hudson.AbortException.class)
                .hasMessageStartingWith(
                        "mlops train: usage or configuration error (exit 2): the training command exited with code 1");
        assertThat(jenkins.run.getAction(MlopsResultAction.class).getError()).contains("NoSuch");
    }
}
