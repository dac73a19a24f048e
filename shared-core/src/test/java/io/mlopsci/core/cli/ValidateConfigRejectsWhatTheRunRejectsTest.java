package io.mlopsci.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.ConfigProblem;
import io.mlopsci.core.testing.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, item 5: every way a step rejects its configuration at run time is either rejected by
 * {@code validate-config} too — with the field and its line and column — or listed here with the
 * reason it is not a property of mlops.yaml. The run-time paths are found in the engine's sources
 * (configuration and usage errors, late-variable resolution), so a new one fails this test until it
 * is classified. The same through the CLI, and {@code mlops run} stopping before any work: RunPlanCliIT.
 */
class ValidateConfigRejectsWhatTheRunRejectsTest {

    @TempDir
    Path tmp;

    /** A configuration the run rejects: the YAML, the field validate-config must name, and words of its message. */
    private record Rejected(String yaml, String path, String words) {}

    /** A run-time rejection that is not about mlops.yaml, and why. */
    private record NotConfig(String why) {}

    static final String TRAIN = """
            train:
              command: [sh, train.sh]
              predictions: out/predictions.csv
            """;
    static final String GATE = """
            gate:
              metrics:
                accuracy: {min: 0.5}
            """;

    /** Every run-time rejection path, by source file, first message words and occurrence. */
    private static Map<String, Object> cases() {
        Map<String, Object> c = new LinkedHashMap<>();
        // ---- the gate
        c.put(
                "gate/BaselineRescorer.java|gate.evaluate re-scores the baseline on data.eval, |0",
                new Rejected(
                        TRAIN
                                + GATE.replace(
                                        "gate:\n",
                                        "gate:\n  evaluate: {command: [sh, score.sh, \"${baseline.predictions}\"]}\n"),
                        "gate.evaluate",
                        "'data.eval' is not set"));
        c.put(
                "gate/BaselineRescorer.java|resolveLate gate.evaluate.command[|0",
                new Rejected(
                        "data: {eval: eval.csv}\n" + TRAIN
                                + GATE.replace(
                                        "gate:\n",
                                        "gate:\n  evaluate: {command: [sh, score.sh, \"${baseline.predictions}\","
                                                + " \"${model.version}\"]}\n"),
                        "gate.evaluate.command[3]",
                        "${model.version} is not known here"));
        c.put(
                "gate/BaselineRescorer.java|resolveLate gate.evaluate.env.|0",
                new Rejected(
                        "data: {eval: eval.csv}\n" + TRAIN
                                + GATE.replace(
                                        "gate:\n",
                                        "gate:\n  evaluate: {command: [sh, score.sh, \"${baseline.predictions}\"],"
                                                + " env: {RUN: \"${run.id}\"}}\n"),
                        "gate.evaluate.env.RUN",
                        "${run.id} is not known here"));
        c.put("gate/GateStep.java|no train result at |0", new Rejected(GATE, "gate", "add a 'train' section"));
        c.put("gate/GateStep.java|there is no 'gate' section in |0", explicitStep("evaluate-gate"));
        c.put(
                "gate/GateStep.java|the last train step did not record a run (verdict |0",
                new NotConfig("the outcome of an earlier train step, not the configuration"));
        // GateEvaluator turns these into ERROR criteria that fail the gate (after training and recording).
        c.put(
                "gate/GateEvaluator.java|change rules need a baseline, but gate.baseline is none|0",
                new Rejected(
                        TRAIN
                                + "gate:\n  baseline: none\n  metrics:\n    accuracy: {min: 0.5, change: {max_drop: 0.01}}\n",
                        "gate.metrics.accuracy.change",
                        "'gate.baseline' is none"));
        c.put(
                "gate/GateEvaluator.java|slices need the candidate's predictions|0",
                new Rejected(
                        "train: {command: [sh, train.sh]}\n" + GATE
                                + "  slices: {column: c, metrics: {accuracy: {min: 0.5}}}\n",
                        "gate.slices",
                        "set 'train.predictions'"));
        c.put(
                "gate/GateEvaluator.java|' must be computed from predictions, and there are none|0",
                new Rejected(
                        "train: {command: [sh, train.sh]}\ngate:\n  metrics:\n    accuracy: {min: 0.5, source: computed}\n",
                        "gate.metrics.accuracy.source",
                        "set 'train.predictions'"));
        // ---- packaging
        String pkgBase = TRAIN + GATE;
        c.put(
                "packaging/PackageStep.java|package.image: '|0",
                new Rejected(
                        pkgBase + "package: {image: \"Fraud/UPPER:${model.version}\"}\n",
                        "package.image",
                        "not a valid image reference"));
        c.put(
                "packaging/PackageStep.java|resolveLate package.image|0",
                new Rejected(
                        pkgBase + "package: {image: \"fraud:${baseline.version}\"}\n",
                        "package.image",
                        "${baseline.version} is not known here"));
        c.put(
                "packaging/PackageStep.java|resolveLate package.labels.|0",
                new Rejected(
                        pkgBase
                                + "package: {image: \"fraud:${model.version}\", labels: {from: \"${baseline.run_id}\"}}\n",
                        "package.labels.from",
                        "${baseline.run_id} is not known here"));
        c.put(
                "packaging/PackageStep.java|resolveLate package.image|1",
                new NotConfig("the preflight's look-up of the registry host; it ignores what it cannot parse"));
        c.put(
                "packaging/PackageStep.java|no model version to|0",
                new Rejected(TRAIN + "package: {image: \"fraud:${model.version}\"}\n", "package", "no 'gate' section"));
        c.put("packaging/PackageStep.java|there is no 'package' section in |0", explicitStep("package"));
        c.put(
                "packaging/PackageStep.java|the last evaluate-gate did not pass (|0",
                new NotConfig("the outcome of an earlier gate, not the configuration"));
        c.put(
                "packaging/PackageStep.java|the last evaluate-gate registered no model version; pass --model-version|0",
                new NotConfig("the outcome of an earlier gate, not the configuration"));
        c.put(
                "packaging/PackageStep.java|version |0",
                new NotConfig("--model-version on the command line names a version the registry does not have"));
        c.put(
                "packaging/JibImageBuilder.java|package.base: the base image tarball |0",
                new Rejected(
                        pkgBase + "package: {image: \"fraud:1\", base: \"tar://missing.tar\"}\n",
                        "package.base",
                        "does not exist"));
        c.put(
                "packaging/JibImageBuilder.java|package.base: '|0",
                new Rejected(
                        pkgBase + "package: {image: \"fraud:1\", base: \"Not/A:Ref:At:All\"}\n",
                        "package.base",
                        "not an image reference"));
        c.put(
                "packaging/JibImageBuilder.java|the registry |0",
                new NotConfig("how the registry server answers TLS is known only by contacting it (the preflight"
                        + " does, before any work)"));
        c.put(
                "preflight/ImageRegistryProbe.java|the registry |0",
                new NotConfig("the preflight's own report of how the registry server answers TLS"));
        c.put(
                "packaging/DockerfileBuilder.java|package.context: the build context |0",
                new Rejected(
                        pkgBase + "package: {image: \"fraud:1\", dockerfile: Dockerfile, context: .mlops}\n",
                        "package.context",
                        "is not a directory"));
        c.put(
                "packaging/DockerfileBuilder.java|package.dockerfile: |0",
                new Rejected(
                        pkgBase + "package: {image: \"fraud:1\", dockerfile: no/Dockerfile}\n",
                        "package.dockerfile",
                        "does not exist"));
        c.put(
                "packaging/DockerfileBuilder.java|the model files (|0",
                new Rejected(
                        pkgBase + "package: {image: \"fraud:1\", dockerfile: ctx/Dockerfile, context: ctx}\n",
                        "package.context",
                        "outside the build context"));
        c.put(
                "packaging/RegistryCredentials.java|registry credentials are half set: |0",
                new NotConfig("environment variables of the run, not mlops.yaml"));
        c.put(
                "packaging/DockerJavaJibClient.java|the base image |0",
                new NotConfig("what the Docker engine holds when the step runs"));
        // ---- deploy
        String local = "  serve: {command: [sh, serve.sh]}\n";
        c.put(
                "deploy/DeployCanaryStep.java|no model version to deploy: run `mlops evaluate-gate` (and `mlops package`)"
                        + " first,|0",
                new Rejected(
                        "data: {eval: eval.csv}\n" + TRAIN + "deploy:\n  target: local\n" + local,
                        "deploy",
                        "no 'gate' section"));
        c.put(
                "deploy/DeployCanaryStep.java|version |0",
                new Rejected(
                        "data: {eval: eval.csv}\n" + pkgBase + "deploy:\n  target: docker\n",
                        "deploy.target",
                        "no 'package' section"));
        c.put(
                "deploy/DeployCanaryStep.java|version |1",
                new NotConfig("--model-version on the command line names a version the registry does not have"));
        c.put(
                "deploy/DeployCanaryStep.java|the last |0",
                new NotConfig("the outcome of an earlier step, not the configuration"));
        c.put("deploy/DeployCanaryStep.java|there is no 'deploy' section in |0", explicitStep("deploy-canary"));
        c.put("deploy/rollback/RollbackStep.java|there is no 'deploy' section in |0", explicitStep("rollback"));
        c.put(
                "deploy/targets/DockerTarget.java|version |0",
                new Rejected(
                        "data: {eval: eval.csv}\n" + pkgBase
                                + "package: {image: \"fraud:${model.version}\"}\ndeploy:\n  target: docker\n",
                        "package.format",
                        "use 'format: docker'"));
        c.put(
                "deploy/targets/DockerTarget.java|the image |0",
                new Rejected(
                        "data: {eval: eval.csv}\n" + pkgBase
                                + "package: {image: \"fraud:${model.version}\", format: registry}\ndeploy:\n"
                                + "  target: docker\n",
                        "package.format",
                        "use 'format: docker'"));
        c.put(
                "deploy/targets/KubernetesTarget.java|version |0",
                new Rejected(
                        "data: {eval: eval.csv}\n" + pkgBase
                                + "deploy:\n  target: kubernetes\n  kubernetes: {replicas: 2}\n",
                        "deploy.target",
                        "no 'package' section"));
        // ---- tracking
        String mlflow = "tracking: {uri: \"https://mlflow.example\", ca_file: %s}\n" + TRAIN;
        c.put(
                "registry/mlflow/TlsContexts.java|the CA file |0",
                new Rejected(mlflow.formatted("missing.pem"), "tracking.ca_file", "does not exist"));
        c.put(
                "registry/mlflow/TlsContexts.java|cannot read the CA file |0",
                new Rejected(mlflow.formatted("ctx"), "tracking.ca_file", "cannot read the CA file"));
        c.put(
                "registry/mlflow/TlsContexts.java|the CA file |1",
                new Rejected(mlflow.formatted("garbage.pem"), "tracking.ca_file", "is not a PEM certificate"));
        c.put(
                "registry/mlflow/TlsContexts.java|the CA file |2",
                new Rejected(mlflow.formatted("empty.pem"), "tracking.ca_file", "holds no certificate"));
        // ---- train and data
        c.put("train/TrainStep.java|there is no 'train' section in |0", explicitStep("train"));
        c.put(
                "train/TrainStep.java| records what was trained; it cannot be combined with |0",
                new NotConfig("command-line options"));
        c.put(
                "train/TrainStep.java| records outputs a training command left; there is no|0",
                new NotConfig("command-line options"));
        c.put(
                "train/TrainStep.java|--record-only: nothing to record: no trained outputs are waiting in |0",
                new NotConfig("command-line options and the state of the workdir"));
        c.put(
                "data/ValidateDataStep.java|nothing to validate: add checks to the 'data' section of |0",
                explicitStep("validate-data"));
        c.put(
                "data/checks/ColumnChecks.java|: regex /|0",
                new NotConfig("the syntax of one field, in DuckDB's RE2 dialect: validate-data, the first step of a"
                        + " run, reports it before any training (no Java library speaks RE2 exactly)"));
        c.put(
                "data/scan/DuckDb.java|DuckDB rejected the engine settings (data.engine): |0",
                new NotConfig("one field, already checked against the size syntax when loaded; beyond that it is"
                        + " the engine's judgement"));
        // ---- monitor (never part of run)
        c.put("monitor/MonitorStep.java|there is no 'monitor' section in |0", explicitStep("monitor"));
        c.put(
                "monitor/ChampionData.java|no version of model '|0",
                new NotConfig("the registry's state: the alias names no version yet (nothing promoted)"));
        c.put(
                "monitor/ChampionData.java| records no training data (its run predates mlops-ci recording it, or it"
                        + " was trained without|0",
                new NotConfig("the registry's state: the watched version's run recorded no data.train"
                        + " (monitor.reference names one)"));
        return c;
    }

    private static NotConfig explicitStep(String step) {
        return new NotConfig("only when `mlops " + step + "` is called on its own without its section; `mlops run`"
                + " leaves out steps that are not configured (its plan line says which)");
    }

    @Test
    void everyRunTimeRejectionIsClassified() throws IOException {
        assertThat(new TreeSet<>(runTimeRejections()))
                .as("run-time rejection paths in the engine; add each new one to cases()")
                .isEqualTo(new TreeSet<>(cases().keySet().stream()
                        .filter(k -> !k.startsWith("gate/GateEvaluator.java|"))
                        .toList()));
    }

    @Test
    void validateConfigRejectsEachWithTheFieldAndItsPosition() throws IOException {
        int checked = 0;
        for (Map.Entry<String, Object> e : cases().entrySet()) {
            if (!(e.getValue() instanceof Rejected r)) {
                continue;
            }
            Path dir = Files.createDirectories(tmp.resolve("case" + checked++));
            files(dir);
            Path file = dir.resolve("mlops.yaml");
            Files.writeString(file, "model: m\n" + r.yaml());
            List<ConfigProblem> problems =
                    ValidateConfigCommand.check(file, options(dir)).problems();
            assertThat(problems).as(e.getKey() + "\n" + r.yaml()).anySatisfy(p -> {
                assertThat(p.path()).isEqualTo(r.path());
                assertThat(p.message()).contains(r.words());
                assertThat(p.location()).isNotNull();
                assertThat(p.location().line()).isPositive();
                assertThat(p.location().column()).isPositive();
            });
        }
        assertThat(checked).isGreaterThan(20);
    }

    private static ConfigLoader.Options options(Path dir) {
        return new ConfigLoader.Options(dir, null, Map.of(), List.of());
    }

    private static void files(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(dir.resolve("ctx/Dockerfile"), "FROM scratch\n");
        Files.writeString(dir.resolve("empty.pem"), "");
        Files.writeString(
                dir.resolve("garbage.pem"),
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    }

    // ---- finding the run-time rejections in the sources ----------------------------------------

    private static final Pattern REJECTION = Pattern.compile("MlopsException\\.(?:config|usage)\\(");
    private static final Pattern LATE = Pattern.compile("\\.resolveLate\\(");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern CONFIG_PATH = Pattern.compile("\"((?:package|gate)\\.[a-z_.]*\\[?)\"");

    /** file|first words|occurrence of every configuration or usage error, and every late-variable resolution. */
    private static List<String> runTimeRejections() throws IOException {
        Path main = Requirements.repoRoot().resolve("shared-core/src/main/java/io/mlopsci/core");
        List<String> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(main)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path f : files) {
            String rel = main.relativize(f).toString().replace('\\', '/');
            if (rel.startsWith("config/") || rel.startsWith("cli/") || rel.startsWith("publish/")) {
                continue; // the loader itself, and command-line arguments
            }
            String src = Files.readString(f);
            Map<String, Integer> seen = new TreeMap<>();
            Matcher m = REJECTION.matcher(src);
            while (m.find()) {
                Matcher lit = LITERAL.matcher(src.substring(m.end(), Math.min(src.length(), m.end() + 400)));
                String words = lit.find() ? lit.group(1) : "?";
                out.add(key(rel, words, seen));
            }
            Matcher late = LATE.matcher(src);
            while (late.find()) {
                Matcher path = CONFIG_PATH.matcher(src.substring(late.end(), Math.min(src.length(), late.end() + 300)));
                out.add(key(rel, "resolveLate " + (path.find() ? path.group(1) : "?"), seen));
            }
        }
        return out;
    }

    private static String key(String file, String words, Map<String, Integer> seen) {
        int n = seen.merge(words, 1, Integer::sum) - 1;
        return file + "|" + words + "|" + n;
    }
}
