package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The global configuration survives the configure page and a restart's reload from disk. */
@WithJenkins
class MlopsGlobalConfigurationUiTest {

    @Test
    void theConfigurePageKeepsEveryValue(JenkinsRule j) throws Exception {
        MlopsGlobalConfiguration c = MlopsGlobalConfiguration.get();
        c.setMlflowTrackingUri("https://mlflow.example");
        c.setMlflowCredentialsId("mlflow");
        c.setRegistryCredentialsId("registry");
        c.setGithubCredentialsId("github");
        c.setGithubApiUrl("https://github.example.com/api/v3");
        j.configRoundtrip();
        MlopsGlobalConfiguration after = MlopsGlobalConfiguration.get();
        assertThat(after.getMlflowTrackingUri()).isEqualTo("https://mlflow.example");
        assertThat(after.getGithubApiUrl()).isEqualTo("https://github.example.com/api/v3");
        // credentials that do not exist stay selected (includeCurrentValue)
        assertThat(after.getMlflowCredentialsId()).isEqualTo("mlflow");
        assertThat(after.getRegistryCredentialsId()).isEqualTo("registry");
        assertThat(after.getGithubCredentialsId()).isEqualTo("github");

        MlopsGlobalConfiguration reloaded = new MlopsGlobalConfiguration();
        assertThat(reloaded.getMlflowTrackingUri()).as("saved to disk").isEqualTo("https://mlflow.example");
    }
}
