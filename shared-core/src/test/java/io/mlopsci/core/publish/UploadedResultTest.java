package io.mlopsci.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.report.ReportWriter;
import io.mlopsci.core.testing.GitHubEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An uploaded result.json is untrusted: it must match result.schema.json in every field (strict
 * formats), name only pages on the CI server's own host, and be one JSON document; links come
 * from the workflow's own context. Everything the engine itself writes passes.
 */
class UploadedResultTest {

    static final Set<String> GITHUB = Set.of("github.com");

    @TempDir
    Path tmp;

    Path write(String name, String json) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, json, StandardCharsets.UTF_8);
        return p;
    }

    /** The failed gate sample as JSON, changed by {@code edit}. */
    Path edited(String name, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode n = Json.mapper().valueToTree(SampleResults.failedGate());
        edit.accept(n);
        return write(name, Json.string(n));
    }

    static String problems(Path file, Set<String> hosts) {
        try {
            UploadedResult.read(file, hosts);
        } catch (MlopsException e) {
            assertThat(e.exitCode()).isEqualTo(2);
            return e.getMessage();
        }
        throw new AssertionError(file + " was accepted");
    }

    @Test
    void theEnginesSampleResultsAreAccepted() throws IOException {
        for (StepResult r :
                List.of(SampleResults.failedGate(), SampleResults.passedGate(), SampleResults.hugeFailedGate(300))) {
            Path dir =
                    Files.createDirectories(tmp.resolve("sample-" + r.criteria().size()));
            ReportWriter.write(r, dir);
            assertThat(UploadedResult.read(dir.resolve("result.json"), GITHUB).verdict())
                    .isEqualTo(r.verdict());
        }
    }

    @Test
    void aBuildUrlOffTheServersHostIsRefused() throws IOException {
        Path evil = edited("evil.json", n -> ((ObjectNode) n.path("ci")).put("buildUrl", "https://evil.example/run"));
        assertThat(problems(evil, GITHUB))
                .contains("evil.json", "$.ci.buildUrl", "expected a page on github.com", "'evil.example'");
        assertThat(problems(evil, Set.of())).contains("no CI server is known");

        Path markdown = edited(
                "markdown.json",
                n -> ((ObjectNode) n.path("ci"))
                        .put("buildUrl", "https://github.com/x) [Approve](https://evil.example/login"));
        assertThat(problems(markdown, GITHUB)).contains("$.ci.buildUrl");
        Path userinfo = edited(
                "userinfo.json",
                n -> ((ObjectNode) n.path("ci")).put("buildUrl", "https://github.com@evil.example/run"));
        assertThat(problems(userinfo, GITHUB)).contains("$.ci.buildUrl");
    }

    @Test
    void versionsDigestsIdsAndTextHaveStrictFormats() throws IOException {
        assertThat(problems(
                        edited(
                                "v.json",
                                n -> ((ObjectNode) n.path("model")).put("version", "7\n::set-output name=x::y")),
                        GITHUB))
                .contains("$.model.version");
        assertThat(problems(
                        edited(
                                "d.json",
                                n -> ((ObjectNode) n.putObject("outputs")).put("digest", "sha256:$(curl evil)")),
                        GITHUB))
                .contains("$.outputs.digest");
        assertThat(problems(edited("s.json", n -> n.put("step", "rm -rf")), GITHUB))
                .contains("$.step");
        assertThat(problems(edited("c.json", n -> n.put("summary", "ok\u001b[2J\u202Egnp.exe")), GITHUB))
                .contains("$.summary");
        assertThat(problems(edited("x.json", n -> n.put("surprise", 1)), GITHUB))
                .contains("surprise");
        assertThat(problems(edited("e.json", n -> n.put("exitCode", 42)), GITHUB))
                .contains("$.exitCode");
        assertThat(problems(edited("sha.json", n -> ((ObjectNode) n.path("ci")).put("sha", "HEAD")), GITHUB))
                .contains("$.ci.sha");
        String many = problems(
                edited("many.json", n -> {
                    for (int i = 0; i < 15; i++) {
                        n.put("extra" + i, i);
                    }
                }),
                GITHUB);
        assertThat(many).contains("15 problems", "… and 5 more");
        assertThat(problems(edited("key.json", n -> n.put("x\n::error::pwned", 1)), GITHUB))
                .doesNotContain("\n::error::");
    }

    @Test
    void oneJsonDocumentWithoutDuplicateKeys() throws IOException {
        String json = Json.string(SampleResults.failedGate());
        assertThat(problems(write("trailing.json", json + " {\"verdict\":\"PASS\"}"), GITHUB))
                .contains("cannot read", "trailing.json");
        assertThat(problems(write("dup.json", json.replaceFirst("\\{", "{\"verdict\":\"PASS\",")), GITHUB))
                .contains("Duplicate field 'verdict'");
        assertThat(problems(write("array.json", "[]"), GITHUB)).contains("not a JSON object");
    }

    @Test
    void ciHostsComeFromTheEnvironmentAndTheCallersOwnUrls() {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        assertThat(UploadedResult.ciHosts(env)).containsExactly("github.com");
        env.put("GITHUB_SERVER_URL", "https://GHE.example.com");
        env.put("JENKINS_URL", "https://jenkins.example.com/");
        assertThat(UploadedResult.ciHosts(env, "https://ci.example.org/job/1/", null))
                .containsExactlyInAnyOrder("ghe.example.com", "jenkins.example.com", "ci.example.org");
    }

    @Test
    void theReportLinksToTheWorkflowsOwnRunNeverToAUrlTheResultNames() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_REPOSITORY", GitHubEvents.REPOSITORY);
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_RUN_ID", "77");
        env.put(
                "GITHUB_EVENT_PATH",
                GitHubEvents.write(GitHubEvents.workflowRunForPullRequest(GitHubEvents.PR_HEAD_SHA, 2), tmp)
                        .toString());
        StepResult r = SampleResults.failedGate();
        PublishTarget t = PublishTargets.resolve(PublishTargets.Overrides.NONE, env, r);
        assertThat(r.ci().buildUrl()).endsWith("/actions/runs/42");
        assertThat(t.detailsUrl())
                .as("the workflow_run payload's run, from GitHub")
                .isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/1589141559");

        env.put(
                "GITHUB_EVENT_PATH",
                GitHubEvents.write(GitHubEvents.load("push"), tmp).toString());
        assertThat(PublishTargets.resolve(PublishTargets.Overrides.NONE, env, r).detailsUrl())
                .isEqualTo("https://github.com/Codertocat/Hello-World/actions/runs/77");

        assertThat(GitHubReport.comment(r, "mlops-ci", "https://github.com/o/r/actions/runs/1", null))
                .endsWith("[Full report and logs](<https://github.com/o/r/actions/runs/1>)</sub>\n");
        assertThat(GitHubReport.comment(r, "mlops-ci", "https://x.example/a) [b](https://evil", null))
                .doesNotContain("evil");
        assertThatThrownBy(() -> PublishTargets.resolve(
                        new PublishTargets.Overrides(null, null, null, "https://ok.example/a b"), env, r))
                .hasMessageContaining("--details-url");
    }
}
