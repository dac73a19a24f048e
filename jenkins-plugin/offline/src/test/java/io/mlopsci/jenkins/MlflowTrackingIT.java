package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import com.fasterxml.jackson.databind.JsonNode;
import hudson.AbortException;
import io.mlopsci.core.testing.MlflowServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLflow server and its credentials come from Jenkins (the global configuration and a
 * username/password credential) and reach the engine on the agent; against a real MLflow server
 * with basic auth, the build's run is tracked with the Jenkins build's tags and the passing model
 * registered as champion. A wrong password is an infrastructure error, said in words, never printed.
 */
class MlflowTrackingIT {

    @TempDir
    Path tmp;

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    /** The sample, tracking to whatever MLflow server the CI names (MLFLOW_TRACKING_URI). */
    private OfflineJenkins build(String uri, String password) throws Exception {
        OfflineJenkins jenkins = OfflineJenkins.withSample("jvm-classifier", tmp.resolve("build"));
        jenkins.sandbox.write(
                "mlops.yaml",
                jenkins.sandbox.read("mlops.yaml")
                        + "\ntracking:\n  uri: \"${env.MLFLOW_TRACKING_URI}\"\n  retries: 1\n");
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "mlflow", "MLflow", MlflowServer.ADMIN, password));
        MlopsGlobalConfiguration.get().setMlflowTrackingUri(uri);
        MlopsGlobalConfiguration.get().setMlflowCredentialsId("mlflow");
        return jenkins;
    }

    @Test
    void theBuildIsTrackedInMlflowWithJenkinsCredentials() throws Exception {
        OfflineJenkins.requireEngine();
        String password = "pw-" + UUID.randomUUID();
        try (MlflowServer server =
                MlflowServer.start(tmp.resolve("mlflow"), MlflowServer.Options.withBasicAuth(password))) {
            OfflineJenkins jenkins = build(server.uri(), password);
            jenkins.execute(new MlopsTrainStep()).map();
            Map<String, Object> gate =
                    jenkins.execute(new MlopsEvaluateGateStep()).map();
            assertThat(gate).containsEntry("modelVersion", "1").containsEntry("modelName", "jvm-fraud");

            List<JsonNode> runs = server.runs("jvm-fraud", null);
            assertThat(runs).isNotEmpty();
            Map<String, String> tags =
                    MlflowServer.tags(runs.get(0).path("data").path("tags"));
            assertThat(tags)
                    .containsEntry("mlops.ci.system", "jenkins")
                    .containsEntry("mlops.ci.build_url", OfflineJenkins.BUILD_URL)
                    .containsEntry("mlops.git.branch", "main");
            // The sample deploys, so the gate registers the 'candidate' and deploy-canary moves 'champion'.
            assertThat(server.get("registered-models/alias", Map.of("name", "jvm-fraud", "alias", "candidate"))
                            .path("model_version")
                            .path("version")
                            .asText())
                    .isEqualTo("1");
            assertThat(jenkins.launched.get(0).env())
                    .containsEntry("MLFLOW_TRACKING_URI", server.uri())
                    .containsEntry("MLFLOW_TRACKING_USERNAME", MlflowServer.ADMIN)
                    .containsEntry("MLFLOW_TRACKING_PASSWORD", password);
            assertThat(jenkins.log()).contains(server.uri()).doesNotContain(password);
        }
    }

    @Test
    void aWrongPasswordIsAnInfrastructureErrorSaidInWords() throws Exception {
        OfflineJenkins.requireEngine();
        String password = "pw-" + UUID.randomUUID();
        try (MlflowServer server =
                MlflowServer.start(tmp.resolve("mlflow"), MlflowServer.Options.withBasicAuth(password))) {
            OfflineJenkins jenkins = build(server.uri(), "not-" + password);
            OfflineJenkins.StepRun r = jenkins.execute(new MlopsTrainStep());
            assertThat(r.error())
                    .isInstanceOf(AbortException.class)
                    .hasMessageStartingWith("mlops train: infrastructure or internal error (exit 3): ")
                    .hasMessageContaining("MLFLOW_TRACKING_PASSWORD");
            assertThat(r.error().getMessage()).doesNotContain(password);
            assertThat(r.log()).doesNotContain(password);
        }
    }
}
