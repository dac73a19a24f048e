package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.misc.junit.jupiter.AbstractRoundTripTest;
import org.jvnet.hudson.test.JenkinsRule;

/** {@code unclassified: mlops:} through Configuration as Code: apply, check, export, restart. */
class MlopsConfigurationAsCodeTest extends AbstractRoundTripTest {

    @Override
    protected String configResource() {
        return "configuration-as-code.yaml";
    }

    @Override
    protected void assertConfiguredAsExpected(JenkinsRule j, String configContent) {
        MlopsGlobalConfiguration c = MlopsGlobalConfiguration.get();
        assertThat(c.getMlflowTrackingUri()).isEqualTo("https://mlflow.casc.example");
        assertThat(c.getMlflowCredentialsId()).isEqualTo("mlflow-token");
        assertThat(c.getRegistryCredentialsId()).isEqualTo("registry-robot");
        assertThat(c.getGithubCredentialsId()).isEqualTo("github-app");
        assertThat(c.getGithubApiUrl()).isEqualTo("https://github.casc.example/api/v3");
    }

    @Override
    protected String stringInLogExpected() {
        return "mlflowTrackingUri = https://mlflow.casc.example";
    }
}
