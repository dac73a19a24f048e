package io.mlopsci.core.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.MlflowServer;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI on the JVM sample with {@code tracking.uri} pointing at a real MLflow server: runs,
 * the registry, aliases, the run cache across machines and CI systems, and re-scoring the champion
 * on a pull request's changed eval data — all checked through MLflow's own REST API.
 */
class MlflowEndToEndIT {

    @TempDir
    Path tmp;

    @Test
    void tracksRegistersAndComparesAgainstTheChampionRescoredOnThePullRequestsData() throws IOException {
        MlflowServer server = MlflowServer.shared();
        String model = "jvm-fraud-" + UUID.randomUUID().toString().substring(0, 8);
        String[] mlflow = {"--set", "tracking.uri=" + server.uri(), "--set", "model=" + model};

        // 1. main on GitHub Actions: trains, passes, becomes champion.
        Sandbox main = Sandbox.of("jvm-classifier", tmp.resolve("gha"), "main");
        String sha = main.git("rev-parse", "HEAD").stdout().strip();
        main.env("GITHUB_ACTIONS", "true")
                .env("GITHUB_SHA", sha)
                .env("GITHUB_REF_NAME", "main")
                .env("GITHUB_REPOSITORY", "acme/fraud")
                .env("GITHUB_SERVER_URL", "https://github.example")
                .env("GITHUB_RUN_ID", "101");
        Processes.Result first = main.mlops(args("run", "--config", "mlops.yaml", mlflow));
        assertThat(first.exitCode()).as(first.toString()).isZero();
        JsonNode trainResult = read(main.out("train", "result.json"));
        String runId = trainResult.path("outputs").path("runId").asText();
        String cacheKey = trainResult.path("outputs").path("cacheKey").asText();

        JsonNode run = server.get("runs/get", Map.of("run_id", runId)).path("run");
        assertThat(run.path("info").path("status").asText()).isEqualTo("FINISHED");
        Map<String, String> tags = MlflowServer.tags(run.path("data").path("tags"));
        assertThat(tags)
                .containsEntry("mlops.git.sha", sha)
                .containsEntry("mlops.git.branch", "main")
                .containsEntry("mlops.ci.system", "github-actions")
                .containsEntry("mlops.ci.build_url", "https://github.example/acme/fraud/actions/runs/101")
                .containsEntry("mlops.cache.key", cacheKey)
                .containsEntry("mlops.gate.verdict", "PASS")
                .containsEntry("mlops.model.version", "1");
        assertThat(MlflowServer.tags(run.path("data").path("params")))
                .containsEntry("epochs", "300")
                .containsEntry("features", "5");
        List<String> metricKeys = run.path("data").path("metrics").findValuesAsText("key");
        assertThat(metricKeys).contains("roc_auc", "accuracy", "f1", "log_loss");
        String artifactUri = run.path("info").path("artifact_uri").asText();
        assertThat(text(server.artifact(artifactUri, "model/model.json")))
                .contains("\"weights\"")
                .contains("\"mean\"");
        assertThat(text(server.artifact(artifactUri, "predictions.csv")))
                .startsWith("id,label,prediction,score,segment");
        assertThat(text(server.artifact(artifactUri, "metrics.json"))).contains("roc_auc");
        assertThat(text(server.artifact(artifactUri, "reports/train/report.md")))
                .contains("Metrics reported by training");
        assertThat(read(server.artifact(artifactUri, "reports/evaluate-gate/result.json"))
                        .path("verdict")
                        .asText())
                .isEqualTo("PASS");
        JsonNode v1 = server.get("model-versions/get", Map.of("name", model, "version", "1"))
                .path("model_version");
        assertThat(v1.path("run_id").asText()).isEqualTo(runId);
        assertThat(alias(server, model, "champion")).isEqualTo("1");
        assertThat(alias(server, model, "candidate")).isEqualTo("1");

        // 2. The same commit in a Jenkins pull-request build on another machine: the MLflow run cache skips training.
        Sandbox pr = Sandbox.of("jvm-classifier", tmp.resolve("jenkins"), "feature");
        jenkinsPr(pr, 17);
        Processes.Result hit = pr.mlops(args("run", "--config", "mlops.yaml", mlflow));
        assertThat(hit.exitCode()).as(hit.toString()).isZero();
        JsonNode hitTrain = read(pr.out("train", "result.json"));
        assertThat(hitTrain.path("cache").path("hit").asBoolean()).isTrue();
        assertThat(hitTrain.path("outputs").path("runId").asText()).isEqualTo(runId);
        assertThat(hit.stderr()).doesNotContain("train | epoch");
        assertThat(server.runs(model, "tags.`mlops.cache.key` = '" + cacheKey + "'"))
                .hasSize(1);
        assertThat(alias(server, model, "champion"))
                .as("a pull request never moves the champion")
                .isEqualTo("1");

        // 3. The pull request changes the eval data: the candidate is retrained, the champion re-scored on the same
        // rows.
        List<String> lines = Files.readAllLines(pr.dir().resolve("data/eval.csv"));
        Files.write(pr.dir().resolve("data/eval.csv"), lines.subList(0, 801));
        pr.git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qam", "smaller eval set");
        Processes.Result changed = pr.mlops(args("run", "--config", "mlops.yaml", mlflow));
        assertThat(changed.exitCode()).as(changed.toString()).isZero();
        assertThat(changed.stderr()).contains("re-scoring baseline v1");
        JsonNode gate = read(pr.out("evaluate-gate", "result.json"));
        JsonNode rescored = gate.path("outputs").path("baselineRescored");
        assertThat(rescored.path("cached").asBoolean()).isFalse();
        assertThat(rescored.path("rows").asInt()).isEqualTo(800);
        assertThat(gate.path("notes").toString()).contains("compared on the same 800 rows");

        // The cached re-scoring sits with the champion's run; it equals scoring the champion's model by hand.
        String key = rescored.path("key").asText();
        String cached = text(server.artifact(artifactUri, "mlops-rescore/" + key + "/predictions.csv"));
        Path modelDir = Files.createDirectories(tmp.resolve("champion-model"));
        Files.write(modelDir.resolve("model.json"), server.artifact(artifactUri, "model/model.json"));
        Path byHand = tmp.resolve("by-hand.csv");
        Processes.Result score = Processes.run(
                List.of(
                        javaBin(),
                        "src/Score.java",
                        "--model",
                        modelDir.toString(),
                        "--data",
                        "data/eval.csv",
                        "--out",
                        byHand.toString()),
                pr.dir(),
                Map.of(),
                Duration.ofMinutes(2));
        assertThat(score.exitCode()).as(score.toString()).isZero();
        assertThat(cached).isEqualTo(Files.readString(byHand));
        double championAuc = auc(cached);
        JsonNode rocDrop = criterion(gate, "roc_auc.max_drop");
        assertThat(rocDrop.path("baseline").asDouble())
                .isCloseTo(championAuc, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(gate.path("outputs").path("baselineVersion").asText()).isEqualTo("1");

        String candidateRun = gate.path("outputs").path("runId").asText();
        assertThat(candidateRun).isNotEqualTo(runId);
        Map<String, String> candidateTags = MlflowServer.tags(server.get("runs/get", Map.of("run_id", candidateRun))
                .path("run")
                .path("data")
                .path("tags"));
        assertThat(candidateTags)
                .containsEntry("mlops.ci.system", "jenkins")
                .containsEntry("mlops.ci.pull_request", "17")
                .containsEntry("mlops.git.branch", "feature")
                .containsEntry("mlops.gate.baseline_version", "1")
                .containsEntry("mlops.gate.verdict", "PASS");
        assertThat(alias(server, model, "candidate")).isEqualTo("2");
        assertThat(alias(server, model, "champion")).isEqualTo("1");

        // 4. The gate again on the same data: the re-scored champion comes from the cache.
        Processes.Result again = pr.mlops(args("evaluate-gate", "--config", "mlops.yaml", mlflow));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        JsonNode gate2 = read(pr.out("evaluate-gate", "result.json"));
        assertThat(gate2.path("outputs").path("baselineRescored").path("cached").asBoolean())
                .isTrue();
        assertThat(criterion(gate2, "roc_auc.max_drop").path("baseline").asDouble())
                .isEqualTo(rocDrop.path("baseline").asDouble());
        assertThat(server.get("registered-models/get", Map.of("name", model))
                        .path("registered_model")
                        .path("latest_versions")
                        .findValuesAsText("version"))
                .containsExactly("2");
    }

    private static void jenkinsPr(Sandbox s, int number) {
        s.env("JENKINS_URL", "https://jenkins.example/")
                .env("BUILD_URL", "https://jenkins.example/job/fraud/PR-" + number + "/1/")
                .env("JOB_NAME", "fraud/PR-" + number)
                .env("CHANGE_ID", String.valueOf(number))
                .env("CHANGE_BRANCH", "feature")
                .env("BRANCH_NAME", "PR-" + number);
    }

    static String alias(MlflowServer server, String model, String alias) {
        return server.get("registered-models/alias", Map.of("name", model, "alias", alias))
                .path("model_version")
                .path("version")
                .asText();
    }

    static String[] args(String step, String config, String file, String[] more) {
        List<String> a = new ArrayList<>(List.of(step, config, file));
        a.addAll(Arrays.asList(more));
        return a.toArray(String[]::new);
    }

    static JsonNode read(Path f) throws IOException {
        return Json.mapper().readTree(f.toFile());
    }

    static JsonNode read(byte[] b) throws IOException {
        return Json.mapper().readTree(b);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static JsonNode criterion(JsonNode result, String id) {
        for (JsonNode c : result.path("criteria")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no criterion " + id + " in " + result.path("criteria"));
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** ROC AUC of a predictions CSV (label column 2, score column 4) by the rank-sum formula, ties counted half. */
    static double auc(String csv) {
        List<double[]> rows = new ArrayList<>();
        for (String line : csv.strip().split("\n")) {
            if (line.startsWith("id,")) {
                continue;
            }
            String[] f = line.split(",");
            rows.add(new double[] {Double.parseDouble(f[3]), Double.parseDouble(f[1])});
        }
        double pairs = 0;
        double wins = 0;
        for (double[] p : rows) {
            if (p[1] != 1) {
                continue;
            }
            for (double[] n : rows) {
                if (n[1] != 0) {
                    continue;
                }
                pairs++;
                wins += p[0] > n[0] ? 1 : p[0] == n[0] ? 0.5 : 0;
            }
        }
        return wins / pairs;
    }
}
