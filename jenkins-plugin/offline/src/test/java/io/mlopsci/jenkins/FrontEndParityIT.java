package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import hudson.AbortException;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.GitHubEvents;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.PythonEnv;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same sample through both front ends — the Jenkins steps (offline harness) and the GitHub
 * Action adapter (its real entry point in its own JVM, with the environment the Actions runner
 * gives it) — gives the same verdicts and the same result.json files, CI metadata aside: a good
 * model passes both, then a degraded one fails both with the same criteria and numbers. Two
 * samples: the JVM one, and the scikit-learn one (needs Python with scikit-learn).
 */
class FrontEndParityIT {

    /** What legitimately differs between two runs on two CI systems. */
    private static final Set<String> VOLATILE = Set.of(
            "ci",
            "invocation", // each front end's own id of its engine call
            "startedAt",
            "finishedAt",
            "durationMs",
            "timings",
            "runId",
            "trainingMs",
            "cacheKey",
            "baselineRunId");

    @TempDir
    Path tmp;

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void jenkinsAndGitHubActionsAgreeOnTheJvmSample() throws Exception {
        assertParity("jvm-classifier", List.of("train.params.features=1"), false);
    }

    @Test
    void jenkinsAndGitHubActionsAgreeOnTheScikitLearnSample() throws Exception {
        assertParity("sklearn-classifier", List.of("train.params.C=0.001", "train.params.features=3"), true);
    }

    /** A good model passes both and becomes champion; then a degraded one fails both, the same way. */
    private void assertParity(String sample, List<String> degrade, boolean python) throws Exception {
        OfflineJenkins.requireEngine();
        String path = python ? PythonEnv.pathWithPython() : System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        OfflineJenkins jenkins = OfflineJenkins.withSample(sample, tmp.resolve("jenkins"));
        jenkins.env.put("PATH", path);
        Sandbox actions = Sandbox.of(sample, Files.createDirectories(tmp.resolve("actions/ws")), "main");

        OfflineJenkins.StepRun good = jenkins.execute(new MlopsRunStep());
        assertThat(good.map()).containsEntry("buildResult", "SUCCESS");
        Processes.Result goodAction = action(actions, List.of(), path);
        assertThat(goodAction.exitCode()).as(goodAction.toString()).isZero();
        assertSameResults(jenkins.sandbox, actions);

        MlopsRunStep degraded = new MlopsRunStep();
        degraded.setOverrides(degrade);
        OfflineJenkins.StepRun bad = jenkins.execute(degraded);
        assertThat(bad.error())
                .as(bad.log())
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("quality gate failed");
        Processes.Result badAction = action(actions, degrade, path);
        assertThat(badAction.exitCode()).as(badAction.toString()).isEqualTo(1);
        assertSameResults(jenkins.sandbox, actions);
        JsonNode gate = Json.mapper()
                .readTree(actions.out("evaluate-gate", "result.json").toFile());
        for (JsonNode c : gate.path("criteria")) {
            if ("FAIL".equals(c.path("effect").asText())) {
                assertThat(bad.error().getMessage()).contains(c.path("id").asText());
            }
        }
    }

    /** Runs the action's entry point as the runner runs the container: env, workspace, file commands. */
    private Processes.Result action(Sandbox ws, List<String> overrides, String path) throws IOException {
        Path files = Files.createDirectories(tmp.resolve("actions/files-" + System.nanoTime()));
        Files.writeString(files.resolve("output"), "");
        Files.writeString(files.resolve("summary"), "");
        Map<String, String> env = new HashMap<>();
        env.put("PATH", path);
        env.put("HOME", System.getProperty("user.home"));
        env.put("CI", "true");
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_WORKSPACE", ws.dir().toString());
        env.put("GITHUB_EVENT_NAME", "push");
        env.put(
                "GITHUB_EVENT_PATH",
                GitHubEvents.write(GitHubEvents.load("push"), files).toString());
        env.put("GITHUB_OUTPUT", files.resolve("output").toString());
        env.put("GITHUB_STEP_SUMMARY", files.resolve("summary").toString());
        env.put("GITHUB_REPOSITORY", GitHubEvents.REPOSITORY);
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_RUN_ID", "4242");
        env.put("GITHUB_REF_NAME", "main");
        env.put("GITHUB_SHA", GitHubEvents.PUSH_SHA);
        env.put("INPUT_STEP", "run");
        env.put("INPUT_CONFIG", "mlops.yaml");
        env.put("INPUT_SET", String.join("\n", overrides));
        env.put("INPUT_FAIL_ON", "fail");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return Processes.run(
                List.of(java, "-cp", System.getProperty("java.class.path"), "io.mlopsci.action.ActionMain"),
                ws.dir(),
                env,
                Duration.ofMinutes(10));
    }

    private static void assertSameResults(Sandbox jenkins, Sandbox actions) throws IOException {
        for (String[] file : List.of(new String[] {"result.json"}, new String[] {"train", "result.json"}, new String[] {
            "evaluate-gate", "result.json"
        })) {
            JsonNode j = normalized(jenkins.out(file), jenkins.dir());
            JsonNode a = normalized(actions.out(file), actions.dir());
            assertThat(j)
                    .as(String.join("/", file) + " through Jenkins and through the Action")
                    .isEqualTo(a);
            assertThat(j.path("verdict").asText()).isNotEmpty();
        }
    }

    /** result.json without what differs by CI system or run: timestamps, CI metadata, run ids, workspace paths. */
    private static JsonNode normalized(Path file, Path workspace) throws IOException {
        JsonNode n = Json.mapper().readTree(file.toFile());
        if (n.path("outputs").path("baselineRescored") instanceof ObjectNode rescored) {
            rescored.remove("key"); // keyed by the champion's run id, which each CI's own registry assigns
        }
        return scrub(n, workspace.toString());
    }

    private static JsonNode scrub(JsonNode n, String workspace) {
        if (n instanceof ObjectNode o && o.path("rows").isArray()) {
            // The engine's TrainConfig keeps params in Map.copyOf, whose iteration order differs
            // from JVM to JVM, so the "Parameters" table's row order does too (reported to the
            // engine). Row order is not a result; compare the rows as a set.
            List<JsonNode> rows = new ArrayList<>();
            o.withArray("rows").forEach(rows::add);
            rows.sort(java.util.Comparator.comparing(JsonNode::toString));
            o.set("rows", Json.mapper().createArrayNode().addAll(rows));
        }
        if (n instanceof ObjectNode o && "canary".equals(o.path("rule").asText())) {
            // A canary measures live traffic: request counts and latencies differ from run to run;
            // the criterion, its condition and its status are what must agree.
            o.remove(List.of("actual", "baseline", "delta", "message", "details"));
        }
        if (n instanceof ObjectNode o
                && o.path("title").asText().matches("deploy-canary: (Canary timeline|.* by canary step)")) {
            o.remove(List.of("table", "chart")); // the same live measurements, step by step
        }
        if (n instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                if (VOLATILE.contains(it.next())) {
                    it.remove();
                }
            }
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                o.set(name, scrub(o.get(name), workspace));
            }
            return o;
        }
        if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, scrub(a.get(i), workspace));
            }
            return a;
        }
        if (n.isTextual()) {
            // Image digests follow the image's labels, which name each sandbox's own commit.
            return TextNode.valueOf(n.asText()
                    .replace(workspace, "<workspace>")
                    .replaceAll("\\b[0-9a-f]{32}\\b", "<run>")
                    .replaceAll("\\b[0-9a-f]{40}\\b", "<commit>")
                    .replaceAll("sha256:[0-9a-f]{12,64}", "sha256:<digest>"));
        }
        return n;
    }
}
