package io.mlopsci.core.cli;

import static io.mlopsci.core.cli.ValidateConfigRejectsWhatTheRunRejectsTest.GATE;
import static io.mlopsci.core.cli.ValidateConfigRejectsWhatTheRunRejectsTest.TRAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, item 5, through the real CLI: {@code validate-config} names the field and its position,
 * {@code mlops run} rejects the same configuration before its first step, and the run's plan line
 * says why each step runs.
 */
class RunPlanCliIT {

    @TempDir
    Path tmp;

    /** The issue's own example, through the CLI: validate-config says where; `mlops run` stops before training. */
    @Test
    void gateEvaluateWithoutEvalDataIsRejectedBeforeAnyTraining() {
        String yaml = "model: m\n" + TRAIN
                + GATE.replace(
                        "gate:\n", "gate:\n  evaluate: {command: [sh, score.sh, \"${baseline.predictions}\"]}\n");
        Sandbox s = Sandbox.inline(
                tmp.resolve("cli"),
                "p",
                "main",
                Map.of("mlops.yaml", yaml, "train.sh", "echo trained > trained.txt\n", "score.sh", "true\n"));
        Processes.Result v = s.mlops("validate-config");
        assertThat(v.exitCode()).as(v.toString()).isEqualTo(2);
        assertThat(v.stderr()).containsPattern("mlops\\.yaml:\\d+:\\d+: 'gate.evaluate': re-scoring the baseline");
        Processes.Result run = s.mlops("run");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.stderr()).contains("'gate.evaluate'").doesNotContain("[mlops train");
        assertThat(s.dir().resolve("trained.txt")).doesNotExist();
    }

    /** Adding data.eval (for the gate) with a data.label adds validate-data to `run`; the plan line says why. */
    @Test
    void thePlanLineSaysWhyValidateDataRuns() {
        String yaml = """
                model: m
                data: {eval: eval.csv, label: y}
                train:
                  metrics: metrics.json
                gate:
                  baseline: none
                  metrics:
                    accuracy: {min: 0.5}
                """;
        Sandbox s = Sandbox.inline(
                tmp.resolve("plan"),
                "p",
                "main",
                Map.of("mlops.yaml", yaml, "eval.csv", "x,y\n1,0\n2,1\n", "metrics.json", "{\"accuracy\": 0.9}\n"));
        Processes.Result v = s.mlops("validate-config");
        assertThat(v.exitCode()).as(v.toString()).isZero();
        assertThat(v.stderr())
                .contains("plan: validate-data (data.label is set, so the label column 'y' is checked in eval.csv");
        Processes.Result run = s.mlops("run");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr())
                .contains("[mlops run ")
                .contains("plan: validate-data (data.label is set, so the label column 'y' is checked in eval.csv")
                .contains("not configured: package, deploy-canary");
    }
}
