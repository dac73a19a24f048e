package io.mlopsci.jenkins.engine;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import io.mlopsci.contract.StepId;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineInvocationTest {

    @Test
    void defaultsFollowTheEngineAndOutIsAlwaysExplicit() {
        EngineInvocation inv = new EngineInvocation(StepId.TRAIN, "mlops.yaml", null, null, List.of(), List.of());
        assertThat(inv.outDir()).isEqualTo(".mlops/out");
        assertThat(inv.resultFile()).isEqualTo(".mlops/out/train/result.json");
        assertThat(inv.arguments()).containsExactly("train", "--config", "mlops.yaml", "--out", ".mlops/out");

        EngineInvocation nested = new EngineInvocation(
                StepId.EVALUATE_GATE,
                "models/fraud/mlops.yaml",
                null,
                null,
                List.of("gate.metrics.f1.min=0.8", "train.params.epochs=5"),
                List.of());
        assertThat(nested.outDir()).isEqualTo("models/fraud/.mlops/out");
        assertThat(nested.arguments())
                .containsExactly(
                        "evaluate-gate",
                        "--config",
                        "models/fraud/mlops.yaml",
                        "--out",
                        "models/fraud/.mlops/out",
                        "--set",
                        "gate.metrics.f1.min=0.8",
                        "--set",
                        "train.params.epochs=5");

        EngineInvocation withWorkdir =
                new EngineInvocation(StepId.RUN, "cfg/mlops.yaml", "project", null, List.of(), List.of("--no-cache"));
        assertThat(withWorkdir.outDir()).isEqualTo("project/.mlops/out");
        assertThat(withWorkdir.resultFile())
                .as("run's summary lies in the output directory")
                .isEqualTo("project/.mlops/out/result.json");
        assertThat(withWorkdir.reportDir()).isEqualTo("project/.mlops/out");
        assertThat(withWorkdir.arguments())
                .containsExactly(
                        "run",
                        "--config",
                        "cfg/mlops.yaml",
                        "--workdir",
                        "project",
                        "--out",
                        "project/.mlops/out",
                        "--no-cache");

        EngineInvocation out =
                new EngineInvocation(StepId.PACKAGE, "mlops.yaml", null, "build/mlops", List.of(), List.of());
        assertThat(out.resultFile()).isEqualTo("build/mlops/package/result.json");
    }

    @Test
    void dollarsReachTheEngineAsWrittenThroughTheLaunchersExpansion() {
        EngineInvocation inv = new EngineInvocation(
                StepId.TRAIN,
                "mlops.yaml",
                null,
                null,
                List.of("train.command=[python, t.py, --out, \"${train.output}\"]", "x=$HOME and $$"),
                List.of());
        List<String> cmd = inv.command("/usr/bin/java", "/agent/mlops.jar");
        assertThat(cmd.subList(0, 3)).containsExactly("/usr/bin/java", "-jar", "/agent/mlops.jar");
        // What a Jenkins launcher does to each argument before starting the process:
        EnvVars env = new EnvVars("HOME", "/home/jenkins", "train.output", "never");
        List<String> started = cmd.stream().map(env::expand).toList();
        assertThat(started)
                .containsSubsequence(
                        "--set", "train.command=[python, t.py, --out, \"${train.output}\"]", "--set", "x=$HOME and $$");
    }
}
