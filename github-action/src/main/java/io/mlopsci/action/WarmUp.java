package io.mlopsci.action;

import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.publish.GitHubReport;
import io.mlopsci.core.publish.PublishOptions;
import io.mlopsci.core.publish.PublishTarget;
import io.mlopsci.core.report.MarkdownReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A representative run without network or engine: parse inputs, render and shorten the reports,
 * write outputs and a summary, build the GitHub client, parse the CLI. The image build runs it
 * under {@code -XX:ArchiveClassesAtExit} so those classes load from the CDS archive at start-up.
 */
final class WarmUp {

    private WarmUp() {}

    static int run() {
        try {
            Path dir = Files.createTempDirectory("mlops-warm-up");
            StepResult r = StepResult.builder(StepId.EVALUATE_GATE.id())
                    .verdict(Verdict.FAIL)
                    .exitCode(1)
                    .summary("warm-up")
                    .criterion(Criterion.builder("auc.min")
                            .metric("auc")
                            .rule("min")
                            .status(Status.FAIL)
                            .actual(0.5)
                            .threshold(0.7)
                            .build())
                    .build();
            Path result = dir.resolve("result.json");
            Files.write(result, io.mlopsci.core.io.Json.bytes(r));
            io.mlopsci.core.publish.ResultFiles.read(result);
            GitHubReport.comment(r, "warm-up", "https://example.com", null);
            GitHubReport.checkSummary(r, null);
            MarkdownReport.render(r);
            Map<String, String> env = Map.of(
                    "INPUT_STEP",
                    "publish",
                    "INPUT_RESULT",
                    result.toString(),
                    "GITHUB_OUTPUT",
                    dir.resolve("out").toString(),
                    "GITHUB_STEP_SUMMARY",
                    dir.resolve("summary").toString(),
                    "GITHUB_WORKSPACE",
                    dir.toString(),
                    "INPUT_COMMENT",
                    "off",
                    "INPUT_CHECK_RUN",
                    "false");
            new Action(
                            env,
                            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                            (args, e, cwd) -> 0)
                    .run();
            io.mlopsci.core.publish.GitHubPublisher.connect(
                    "http://127.0.0.1:9",
                    "warm-up",
                    PublishOptions.defaults(io.mlopsci.core.publish.CommentMode.OFF, false, null),
                    Map.of());
            // Loads the record and its generated toString for the CDS archive.
            if (new PublishTarget("http://127.0.0.1:9", "a/b", "0".repeat(40), null, false, null, null)
                    .toString()
                    .isEmpty()) {
                throw new IllegalStateException("a PublishTarget without text");
            }
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            PrintStream out = System.out;
            PrintStream err = System.err;
            System.setOut(quiet);
            System.setErr(quiet);
            try {
                io.mlopsci.core.cli.Main.execute(
                        "validate-config",
                        "--config",
                        dir.resolve("missing.yaml").toString());
                io.mlopsci.core.cli.Main.execute("publish", "github", "--help");
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            return 0;
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }
}
