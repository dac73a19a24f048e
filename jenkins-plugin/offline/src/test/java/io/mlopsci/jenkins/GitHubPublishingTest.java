package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step with a GitHub credential calls the engine's publisher after the step, exactly as the
 * contract says, with the token in the environment only. Whatever the publisher answers (this
 * engine version may not have it yet; GitHub is unreachable here), the step's verdict stands.
 */
class GitHubPublishingTest {

    private static final String TOKEN = "ghp_AbCdEf0123456789";
    private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void aPullRequestBuildPublishesTheStepResultThroughTheEngine() throws Exception {
        OfflineJenkins.requireEngine();
        OfflineJenkins jenkins = OfflineJenkins.withSample("jvm-classifier", tmp);
        jenkins.env.put("CHANGE_ID", "42");
        jenkins.env.put("CHANGE_URL", "https://github.com/acme/fraud-model/pull/42");
        jenkins.env.put("GIT_COMMIT", SHA);
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "gh", "GitHub", Secret.fromString(TOKEN)));
        MlopsGlobalConfiguration.get().setGithubCredentialsId("gh");
        // nothing listens there: a publisher that tries to reach GitHub fails fast
        MlopsGlobalConfiguration.get().setGithubApiUrl("http://127.0.0.1:9/api/v3");
        MlopsTrainStep step = new MlopsTrainStep();
        step.setGithubComment("always");

        OfflineJenkins.StepRun r = jenkins.execute(step);
        assertThat(r.map()).containsEntry("buildResult", "SUCCESS");

        OfflineJenkins.Launched publish = jenkins.launched.get(jenkins.launched.size() - 1);
        List<String> cmd = publish.command();
        assertThat(cmd.get(1)).isEqualTo("-jar");
        assertThat(cmd.subList(3, cmd.size())).containsExactly("publish", "github",
                "--result", ".mlops/out/train/result.json", "--repository", "acme/fraud-model", "--pr", "42",
                "--sha", SHA, "--comment", "always", "--no-check-run",
                "--details-url", OfflineJenkins.BUILD_URL + "mlops-train/");
        assertThat(publish.env()).containsEntry("GITHUB_TOKEN", TOKEN)
                .containsEntry("GITHUB_API_URL", "http://127.0.0.1:9/api/v3")
                .containsEntry("CHANGE_ID", "42").containsEntry("BUILD_URL", OfflineJenkins.BUILD_URL);
        assertThat(jenkins.launched.get(0).env()).as("the engine step itself never gets the token")
                .doesNotContainKey("GITHUB_TOKEN");
        assertThat(r.log()).contains("mlops: publishing to GitHub").doesNotContain(TOKEN);
        if (!r.log().contains("publishing to GitHub failed")) {
            assertThat(r.log()).doesNotContain("Unmatched argument");
        } else {
            assertThat(r.log()).contains("the step's verdict stands");
        }
    }

    @Test
    void withoutAGitHubCredentialNothingIsPublished() throws Exception {
        OfflineJenkins.requireEngine();
        OfflineJenkins jenkins = OfflineJenkins.withSample("jvm-classifier", tmp);
        jenkins.execute(new MlopsTrainStep()).map();
        assertThat(jenkins.launched).hasSize(1);
        assertThat(jenkins.launched.get(0).command()).contains("train").doesNotContain("publish");
    }
}
