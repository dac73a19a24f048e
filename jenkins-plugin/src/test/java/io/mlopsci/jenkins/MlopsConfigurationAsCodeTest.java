package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.tools.InstallSourceProperty;
import io.jenkins.plugins.casc.misc.junit.jupiter.AbstractRoundTripTest;
import io.mlopsci.jenkins.tool.EngineInstallations;
import io.mlopsci.jenkins.tool.MlopsEngineInstallation;
import io.mlopsci.jenkins.tool.MlopsEngineInstaller;
import org.jvnet.hudson.test.JenkinsRule;

/** {@code unclassified: mlops:} and {@code tool: mlopsEngine:} through Configuration as Code: apply, check, export, restart. */
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
        assertThat(EngineInstallations.configured())
                .extracting(MlopsEngineInstallation::getName)
                .containsExactly("mlops-download", "air-gapped");
        MlopsEngineInstaller installer = (MlopsEngineInstaller) EngineInstallations.configured()
                .get(0)
                .getProperties()
                .get(InstallSourceProperty.class)
                .installers
                .get(0);
        assertThat(installer.getVersion()).isEqualTo("1.0.0");
        assertThat(installer.getUrl()).endsWith("mlops-engine-{version}-{platform}.jar");
        assertThat(EngineInstallations.configured().get(1).getHome()).isEqualTo("/opt/mlops");
    }

    @Override
    protected String stringInLogExpected() {
        return "mlflowTrackingUri = https://mlflow.casc.example";
    }
}
