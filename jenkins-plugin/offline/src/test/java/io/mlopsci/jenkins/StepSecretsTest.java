package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.AbortException;
import hudson.util.Secret;
import java.nio.file.Path;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials from the credentials plugin become the engine's environment and the log's masks. */
class StepSecretsTest {

    @TempDir
    Path tmp;

    private OfflineJenkins.TestRun run;

    @BeforeEach
    void setUp() throws Exception {
        OfflineJenkins.resetGlobals();
        run = new OfflineJenkins.TestRun(
                new OfflineJenkins.TestJob(), tmp.resolve("1").toFile());
        var store = SystemCredentialsProvider.getInstance().getCredentials();
        store.add(
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "mlflow-token", "", Secret.fromString("mlf-TOKEN")));
        store.add(
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "mlflow-basic", "", "ml-user", "ml-pass"));
        store.add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "registry", "", "robot", "reg-pass"));
        store.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "github", "", Secret.fromString("ghp_TOKEN")));
    }

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void stepCredentialsBecomeEngineVariablesAndMasks() throws AbortException {
        MlopsTrainStep step = new MlopsTrainStep();
        step.setMlflowTrackingUri("https://mlflow.example");
        step.setMlflowCredentialsId("mlflow-token");
        step.setRegistryCredentialsId("registry");
        step.setGithubCredentialsId("github");
        StepSecrets s = StepSecrets.resolve(step, MlopsGlobalConfiguration.get(), run);
        assertThat(s.engineEnv())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "MLFLOW_TRACKING_URI", "https://mlflow.example",
                        "MLFLOW_TRACKING_TOKEN", "mlf-TOKEN",
                        "MLOPS_REGISTRY_USERNAME", "robot",
                        "MLOPS_REGISTRY_PASSWORD", "reg-pass"));
        assertThat(s.githubToken()).as("the token goes to the publisher only").isEqualTo("ghp_TOKEN");
        assertThat(s.engineEnv()).doesNotContainValue("ghp_TOKEN");
        assertThat(s.masked()).containsExactlyInAnyOrder("mlf-TOKEN", "reg-pass", "ghp_TOKEN");
        assertThat(s.forEngine(Map.of()))
                .as("the engine masks them too")
                .containsEntry("MLOPS_MASK", "MLFLOW_TRACKING_TOKEN,MLOPS_REGISTRY_PASSWORD");
        assertThat(s.forEngine(Map.of("MLOPS_MASK", "MY_VAR")))
                .containsEntry("MLOPS_MASK", "MY_VAR,MLFLOW_TRACKING_TOKEN,MLOPS_REGISTRY_PASSWORD");
    }

    @Test
    void globalDefaultsApplyWhenTheStepNamesNoneAndSecretUsernamesAreMasked() throws Exception {
        MlopsGlobalConfiguration global = MlopsGlobalConfiguration.get();
        global.setMlflowTrackingUri("https://global.example");
        global.setMlflowCredentialsId("mlflow-basic");
        UsernamePasswordCredentialsImpl secretUser =
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "secret-user", "", "hidden-user", "pw2");
        secretUser.setUsernameSecret(true);
        SystemCredentialsProvider.getInstance().getCredentials().add(secretUser);
        global.setRegistryCredentialsId("secret-user");
        StepSecrets s = StepSecrets.resolve(new MlopsEvaluateGateStep(), global, run);
        assertThat(s.engineEnv())
                .containsEntry("MLFLOW_TRACKING_URI", "https://global.example")
                .containsEntry("MLFLOW_TRACKING_USERNAME", "ml-user")
                .containsEntry("MLFLOW_TRACKING_PASSWORD", "ml-pass")
                .containsEntry("MLOPS_REGISTRY_USERNAME", "hidden-user");
        assertThat(s.masked())
                .containsExactlyInAnyOrder("ml-pass", "hidden-user", "pw2")
                .doesNotContain("ml-user");
        assertThat(s.secretNames())
                .containsExactlyInAnyOrder(
                        "MLFLOW_TRACKING_PASSWORD", "MLOPS_REGISTRY_USERNAME", "MLOPS_REGISTRY_PASSWORD");
        assertThat(s.githubToken()).isNull();
        assertThat(StepSecrets.resolve(new MlopsTrainStep(), new MlopsGlobalConfiguration(), run)
                        .forEngine(Map.of()))
                .as("no secrets, no MLOPS_MASK")
                .isEmpty();
    }

    @Test
    void missingOrWrongKindsOfCredentialsStopTheStepWithTheIdNamed() {
        MlopsTrainStep missing = new MlopsTrainStep();
        missing.setMlflowCredentialsId("nope");
        assertThatThrownBy(() -> StepSecrets.resolve(missing, MlopsGlobalConfiguration.get(), run))
                .isInstanceOf(AbortException.class)
                .hasMessage("mlops: MLflow credentials 'nope' not found, or this build may not use them");
        MlopsTrainStep wrong = new MlopsTrainStep();
        wrong.setRegistryCredentialsId("github");
        assertThatThrownBy(() -> StepSecrets.resolve(wrong, MlopsGlobalConfiguration.get(), run))
                .hasMessage(
                        "mlops: registry credentials 'github' are a StringCredentialsImpl; expected a username with password");
    }
}
