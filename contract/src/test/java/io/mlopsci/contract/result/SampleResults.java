package io.mlopsci.contract.result;

import io.mlopsci.contract.ErrorKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Results with every field the contract has, for the parser and schema tests. */
final class SampleResults {

    private SampleResults() {}

    static StepResult everyField() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("roc_auc", 0.91);
        metrics.put("loss", Double.NaN);
        return StepResult.builder("train")
                .tool("mlops 1.0.0")
                .verdict(Verdict.WARN)
                .exitCode(0)
                .summary("1 warning")
                .model(new ModelRef("fraud", "3", "r1"))
                .startedAt("2026-01-01T00:00:00Z")
                .finishedAt("2026-01-01T00:00:01Z")
                .durationMs(1000)
                .configFile("mlops.yaml")
                .criterion(Criterion.builder("roc_auc[country=DE].min")
                        .metric("roc_auc")
                        .rule("min")
                        .status(Status.WARN)
                        .severity(Severity.WARN)
                        .direction(Direction.HIGHER)
                        .actual(0.7)
                        .threshold(0.8)
                        .baseline(Double.POSITIVE_INFINITY)
                        .delta(Double.NEGATIVE_INFINITY)
                        .relativeDelta(-0.1)
                        .expected("≥ 0.8000")
                        .observed("0.7")
                        .message("below")
                        .slice(new SliceRef("country", "DE", 200))
                        .interval(new Interval(-0.1, 0.2, 0.95, 1000, "paired-bootstrap"))
                        .location(new SourceLocation("mlops.yaml", 12, 5))
                        .details(Map.of("offending", List.of("a", "b")))
                        .examples(new ExampleDiff(
                                "correct",
                                "example",
                                Direction.HIGHER,
                                true,
                                3,
                                2,
                                195,
                                List.of(new ExampleDiff.Example("r17", "a question", "cat", 1, 0, -1, "cat", "dog"))))
                        .build())
                .artifact(new Artifact("report-html", "report.html", "text/html"))
                .timing(new Timing("training", 900))
                .cache(new CacheInfo("k", true, "r0", "hit"))
                .error(new ErrorInfo(ErrorKind.COMMAND, "exit 1", new SourceLocation("mlops.yaml", 3, null)))
                .ci(new CiInfo(
                        "jenkins",
                        "main",
                        "0123456789abcdef0123456789abcdef01234567",
                        42,
                        "https://ci/1/",
                        "a/b",
                        true))
                .note("a note")
                .section(new ReportSection(
                        "History",
                        "text",
                        new ReportSection.Table(List.of("a", "b"), List.of(List.of("1", "2"))),
                        new ReportSection.Chart(
                                "line",
                                "t",
                                "x",
                                "y",
                                List.of("v1", "v2"),
                                List.of(new ReportSection.Series("s", java.util.Arrays.asList(0.5, null)))),
                        true))
                .outputs(new TrainOutputs(
                        "r1", true, "k", metrics, "metrics.json", "predictions.csv", 10, "out", 900L, "r2"))
                .output(
                        PreflightCheck.OUTPUT,
                        List.of(new PreflightCheck("tracking backend", "MLflow at http://h:5000", List.of("train"))))
                .build();
    }

    /** One result per step with its outputs, as the steps write them. */
    static List<StepResult> perStep() {
        return List.of(
                StepResult.builder("validate-data")
                        .verdict(Verdict.PASS)
                        .outputs(new ValidateDataOutputs(
                                Map.of("train", new ValidateDataOutputs.DataFile("data/train.csv", 10, List.of("a"))),
                                Map.of("a", new ValidateDataOutputs.ColumnDrift("psi", null, Status.ERROR)),
                                0.0,
                                new DataProfile(
                                        "data/train.csv",
                                        "train",
                                        10,
                                        List.of(new DataProfile.Column(
                                                "a",
                                                "DOUBLE",
                                                9,
                                                "0.5",
                                                "2.5",
                                                7L,
                                                null,
                                                new DataProfile.Drift(
                                                        "psi",
                                                        "PSI",
                                                        0.3,
                                                        "warn ≥ 0.1, fail ≥ 0.2",
                                                        Status.FAIL,
                                                        List.of("< 1", "≥ 1"),
                                                        List.of(50.0, 50.0),
                                                        List.of(20.0, 80.0)),
                                                List.of("train.a.range", "drift.a"),
                                                Status.FAIL)))))
                        .build(),
                StepResult.builder("evaluate-gate")
                        .verdict(Verdict.PASS)
                        .outputs(GateOutputs.none()
                                .withBaseline(new GateOutputs.Rescored(true, "k", "abc", 10), "1", "r0")
                                .withMetrics(Map.of("f1", 0.8), Map.of("f1", 0.7))
                                .withRunId("r1")
                                .withModelVersion("2")
                                .withPromoted(true)
                                .withVerdict(Verdict.PASS)
                                .withInvocationRunId("r2")
                                .withVersionCreated(true)
                                .withChampionAsCandidate("1")
                                .withNotApplicable(List.of(new GateOutputs.NotApplicable(
                                        "f1.max_drop", "f1", "max_drop", "<= 0.01", "the candidate is v1"))))
                        .build(),
                StepResult.builder("package")
                        .verdict(Verdict.PASS)
                        .outputs(new PackageOutputs(
                                "img:2",
                                "sha256:" + "1".repeat(64),
                                "sha256:" + "2".repeat(64),
                                null,
                                "oci-layout",
                                "jib",
                                "out/image",
                                "2",
                                "r1",
                                Map.of("k", "v")))
                        .build(),
                StepResult.builder("deploy-canary")
                        .verdict(Verdict.FAIL)
                        .outputs(DeployCanaryOutputs.started("d", "2", null, "local"))
                        .outputs(DeployCanaryOutputs.progress("http://127.0.0.1:1", 10, "ROLLED_BACK"))
                        .outputs(DeployCanaryOutputs.decided("rolled-back", false, true, "error rate"))
                        .build(),
                StepResult.builder("rollback")
                        .verdict(Verdict.PASS)
                        .outputs(new RollbackOutputs("d", "local", "verified", "1", "why"))
                        .build(),
                StepResult.builder("monitor")
                        .verdict(Verdict.FAIL)
                        .outputs(MonitorOutputs.window("champion", "3", "2026-01-04T00:00:00Z", "2026-01-05T00:00:00Z"))
                        .outputs(new MonitorOutputs(
                                null,
                                null,
                                null,
                                null,
                                1000L,
                                Map.of("3", 990L, "4", 10L),
                                "2026-01-04T23:59:00Z",
                                60L,
                                0L,
                                Map.of("amount", new ValidateDataOutputs.ColumnDrift("psi", 0.4, Status.FAIL)),
                                0.5,
                                Map.of("score", new ValidateDataOutputs.ColumnDrift("psi", 0.05, Status.PASS)),
                                Map.of("roc_auc", 0.81),
                                List.of("amount"),
                                null,
                                null,
                                "r9"))
                        .outputs(MonitorOutputs.retrain(true, List.of("drift: amount")))
                        .build(),
                StepResult.builder("run")
                        .verdict(Verdict.PASS)
                        .stepSummary(new StepSummary("train", Verdict.PASS, 0, "ok", "out/train/result.json", 5L))
                        .build());
    }
}
