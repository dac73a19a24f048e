package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.AbortException;
import hudson.util.Secret;
import io.mlopsci.core.testing.GitHubApiMock;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step with a GitHub credential calls the engine's publisher after the step, exactly as the
 * contract says, with the token in that call's environment only; against GitHub simulated by
 * WireMock (every request validated against GitHub's OpenAPI description) the pull request gets
 * the sticky comment and the commit a check run. Whatever the publisher answers, the verdict stands.
 */
class GitHubPublishingIT {

    private static final String TOKEN = "ghp_AbCdEf0123456789";
    private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";
    private static final List<String> DEGRADED = List.of("train.params.features=1");

    @TempDir
    Path tmp;

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    private OfflineJenkins pullRequestBuild(String credentials) throws Exception {
        OfflineJenkins jenkins = OfflineJenkins.withSample("jvm-classifier", tmp);
        jenkins.env.put("CHANGE_ID", "42");
        jenkins.env.put("CHANGE_URL", "https://github.com/acme/fraud-model/pull/42");
        jenkins.env.put("CHANGE_BRANCH", "feature/x");
        jenkins.env.put("GIT_COMMIT", SHA);
        jenkins.env.put("MLOPS_PUBLISH_BACKOFF_MS", "1");
        MlopsGlobalConfiguration.get().setGithubCredentialsId(credentials);
        return jenkins;
    }

    @Test
    void aPullRequestBuildGetsTheGateAsACommentAndACheckRun() throws Exception {
        OfflineJenkins.requireEngine();
        try (GitHubApiMock github = GitHubApiMock.start("acme/fraud-model")) {
            github.github().pull(42, SHA);
            OfflineJenkins jenkins = pullRequestBuild("gh");
            SystemCredentialsProvider.getInstance()
                    .getCredentials()
                    .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "gh", "GitHub", Secret.fromString(TOKEN)));
            MlopsGlobalConfiguration.get().setGithubApiUrl(github.apiUrl());
            MlopsTrainStep train = new MlopsTrainStep();
            train.setOverrides(DEGRADED);
            train.setGithubCredentialsId(""); // blank: the global default applies
            jenkins.execute(train).map();
            MlopsEvaluateGateStep gate = new MlopsEvaluateGateStep();
            gate.setOverrides(DEGRADED);
            gate.setGithubComment("always");

            OfflineJenkins.StepRun r = jenkins.execute(gate);
            assertThat(r.error()).isInstanceOf(AbortException.class).hasMessageContaining("quality gate failed");

            OfflineJenkins.Launched publish = jenkins.launched.get(jenkins.launched.size() - 1);
            List<String> cmd = publish.command();
            assertThat(cmd.get(1)).isEqualTo("-jar");
            assertThat(cmd.subList(3, cmd.size()))
                    .containsExactly(
                            "publish",
                            "github",
                            "--result",
                            ".mlops/out/evaluate-gate/result.json",
                            "--repository",
                            "acme/fraud-model",
                            "--pr",
                            "42",
                            "--sha",
                            SHA,
                            "--comment",
                            "always",
                            "--check-run",
                            "--details-url",
                            OfflineJenkins.BUILD_URL + "mlops-evaluate-gate/");
            assertThat(publish.env())
                    .containsEntry("GITHUB_TOKEN", TOKEN)
                    .containsEntry("GITHUB_API_URL", github.apiUrl())
                    .containsEntry("CHANGE_ID", "42")
                    .containsEntry("BUILD_URL", OfflineJenkins.BUILD_URL);
            assertThat(jenkins.launched)
                    .filteredOn(l -> !l.command().contains("publish"))
                    .as("the engine steps themselves never get the token")
                    .allSatisfy(l -> assertThat(l.env()).doesNotContainKey("GITHUB_TOKEN"));
            assertThat(jenkins.log())
                    .contains("mlops: publishing to GitHub")
                    .doesNotContain(TOKEN)
                    .doesNotContain("publishing to GitHub failed");

            assertThat(github.github().comments(42))
                    .as("one sticky comment, edited by each step")
                    .singleElement()
                    .satisfies(c -> assertThat(c.body()).contains("roc").contains("FAIL"));
            assertThat(github.github().checkRuns()).last().satisfies(run -> {
                assertThat(run.conclusion()).isEqualTo("failure");
                assertThat(run.headSha()).isEqualTo(SHA);
                assertThat(run.detailsUrl()).isEqualTo(OfflineJenkins.BUILD_URL + "mlops-evaluate-gate/");
            });
            github.assertAllRequestsValid();
        }
    }

    @Test
    void whenGitHubCannotBeReachedTheVerdictStandsAndTheReasonIsLogged() throws Exception {
        OfflineJenkins.requireEngine();
        OfflineJenkins jenkins = pullRequestBuild("gh-app");
        // a GitHub App credential: username with the installation token as password
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "gh-app", "GitHub App", "acme-bot", TOKEN));
        MlopsGlobalConfiguration.get().setGithubApiUrl("http://127.0.0.1:9/api/v3"); // nothing listens there
        MlopsTrainStep step = new MlopsTrainStep();
        step.setGithubCheckRun(false);
        OfflineJenkins.StepRun r = jenkins.execute(step);
        assertThat(r.map()).containsEntry("buildResult", "SUCCESS");
        assertThat(jenkins.launched.get(jenkins.launched.size() - 1).command())
                .contains("--no-check-run")
                .doesNotContain("--comment");
        assertThat(r.log())
                .contains("mlops: publishing to GitHub failed: infrastructure or internal error (exit 3); "
                        + "the step's verdict stands")
                .doesNotContain(TOKEN);
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
