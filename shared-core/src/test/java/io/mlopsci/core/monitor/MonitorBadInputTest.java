package io.mlopsci.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.testing.ProductionLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to monitor, one test each: a message naming the file and line (or the field) and what
 * was expected, and the contract's exit code — 2 for input that cannot be attributed or read, 1 for
 * production that stopped (an empty window), never 0.
 */
class MonitorBadInputTest {

    static final String YAML = """
            model: fraud
            data:
              train: data/train.csv
              label: label
            train:
              metrics: model/metrics.json
              predictions: model/predictions.csv
            gate:
              metrics:
                roc_auc: {min: 0.7}
            monitor:
              data: records
              drift: {exclude: [id]}
              labels: {data: labels}
              metrics: {min_rows: 50}
            """;

    @TempDir
    Path dir;

    ProductionLogs world;

    @BeforeEach
    void champion() throws IOException {
        world = new ProductionLogs(3, Instant.parse("2026-01-01T00:00:00Z"), 2, 300, 99, "1");
        world.writeTraining(dir.resolve("data/train.csv"), dir.resolve("model/predictions.csv"), 600);
        Files.writeString(dir.resolve("model/metrics.json"), "{\"loss\": 0.4}");
        Files.writeString(dir.resolve("mlops.yaml"), YAML);
        EngineRun.champion(dir);
        world.writeDays(dir.resolve("records"), dir.resolve("labels"));
    }

    private EngineRun inputError(EngineRun r) {
        assertThat(r.result().exitCode()).as(r + "\n" + r.stderr()).isEqualTo(2);
        assertThat(r.result().verdict()).isEqualTo(Verdict.ERROR);
        return r;
    }

    /** Rewrites one line of a file (1-based). */
    private void replaceLine(Path file, int line, String content) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(line - 1, content);
        Files.write(file, lines);
    }

    @Test
    void aWellFormedDayPasses() {
        EngineRun r = EngineRun.monitor(dir, world.endOf(2));
        assertThat(r.result().verdict()).as(r.toString()).isEqualTo(Verdict.PASS);
        assertThat(r.outputs().rows()).isEqualTo(300L);
    }

    @Test
    void anEmptyWindowFailsVolumeAndFreshnessAndSaysWhenTheLastRecordWas() {
        EngineRun r = EngineRun.monitor(dir, world.endOf(5));
        assertThat(r.result().exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.get("volume.rows").status()).isEqualTo(Status.FAIL);
        assertThat(r.get("volume.rows").message())
                .startsWith("no record of monitor.data (records: 2 files) fall in [2026-01-05T00:00:00Z,"
                        + " 2026-01-06T00:00:00Z); the newest is from 2026-01-02T23:5");
        assertThat(r.get("freshness.newest_age").status()).isEqualTo(Status.FAIL);
        assertThat(r.result().notes()).anyMatch(n -> n.contains("The window holds no record"));
        assertThat(r.criterion("drift.amount")).as("nothing to compare").isEmpty();
    }

    @Test
    void dataThatMatchesNoFileIsAUsageErrorNamingThePattern() {
        EngineRun r = inputError(EngineRun.monitor(dir, world.endOf(2), "monitor.data=logs/*.jsonl"));
        assertThat(r.result().error().message()).startsWith("monitor.data: 'logs/*.jsonl' matches no file");
    }

    @Test
    void recordsWithoutTheTimestampColumnNameTheColumnAndWhatThereIs() {
        EngineRun r = inputError(EngineRun.monitor(dir, world.endOf(2), "monitor.columns.timestamp=ts"));
        assertThat(r.result().error().kind()).isEqualTo(ErrorKind.INPUT);
        assertThat(r.result().error().message())
                .isEqualTo("monitor.data (records: 2 files): no column 'ts' (monitor.columns.timestamp), so no"
                        + " record can be placed in a window; the records have timestamp, model, model_version, role,"
                        + " request_id, id, features, prediction, score, latency_ms");
    }

    @Test
    void aTimestampThatDoesNotReadNamesTheFileAndLine() throws IOException {
        Path f = ProductionLogs.recordFile(dir.resolve("records"), 2);
        List<String> lines = Files.readAllLines(f);
        // DuckDB types the column by its first rows; an unreadable value then makes it text.
        for (int i = 0; i < 3; i++) {
            lines.set(i, lines.get(i).replaceFirst("\"timestamp\":\"[^\"]+\"", "\"timestamp\":\"yesterday\""));
        }
        Files.write(f, lines);
        EngineRun r = inputError(EngineRun.monitor(dir, world.endOf(2)));
        assertThat(r.result().error().message())
                .startsWith("records/records-day02.jsonl:1: column 'timestamp' has 'yesterday', which is not a"
                        + " timestamp (3 such records)");
    }

    @Test
    void recordsOfAVersionTheRegistryDoesNotKnowAreNamedByFileAndLine() throws IOException {
        Path f = ProductionLogs.recordFile(dir.resolve("records"), 2);
        String line = Files.readAllLines(f).get(41);
        replaceLine(f, 42, line.replace("\"model_version\":\"1\"", "\"model_version\":\"7\""));
        EngineRun r = inputError(EngineRun.monitor(dir, world.endOf(2)));
        assertThat(r.result().error().message())
                .startsWith("records/records-day02.jsonl:42: 1 records of the window are of version '7', which fraud"
                        + " does not have in the local registry")
                .contains("(known versions: 1)")
                .contains("monitor.unknown_versions");
    }

    @Test
    void unknownVersionsMayBeAFailureInstead() throws IOException {
        Path f = ProductionLogs.recordFile(dir.resolve("records"), 2);
        replaceLine(f, 3, Files.readAllLines(f).get(2).replace("\"model_version\":\"1\"", "\"model_version\":\"7\""));
        EngineRun r = EngineRun.monitor(dir, world.endOf(2), "monitor.unknown_versions=fail");
        assertThat(r.result().exitCode()).isEqualTo(1);
        assertThat(r.get("versions.unknown").message()).contains("(first at records/records-day02.jsonl:3)");
    }

    @Test
    void labelsForIdsNoRecordHasAreNamedByFileAndLine() throws IOException {
        Path f = ProductionLogs.labelFile(dir.resolve("labels"), 1);
        replaceLine(f, 7, "{\"id\":\"zz-404\",\"label\":1}");
        EngineRun r = inputError(EngineRun.monitor(dir, world.endOf(2)));
        assertThat(r.result().error().message())
                .startsWith("labels/labels-day01.jsonl:7: 1 label names an id that no record in monitor.data"
                        + " (records: 2 files) has, e.g. 'zz-404'")
                .contains("monitor.labels.unknown_ids");
    }

    @Test
    void labelsWithoutTheirColumnsSayWhichAndWhatThereIs() {
        EngineRun r = inputError(EngineRun.monitor(dir, world.endOf(2), "monitor.labels.label=truth"));
        assertThat(r.result().error().message())
                .isEqualTo("monitor.labels.data (labels: 2 files): no column 'truth' (monitor.labels.label); the"
                        + " labels have id, label");
    }

    @Test
    void twoLabelsForOneIdAreNamed() throws IOException {
        Path f = ProductionLogs.labelFile(dir.resolve("labels"), 2);
        String first = Files.readAllLines(f).get(0);
        replaceLine(f, 10, first);
        EngineRun r = inputError(EngineRun.monitor(dir, world.endOf(2)));
        assertThat(r.result().error().message())
                .matches("labels/labels-day02\\.jsonl:1: id 'd02-00000' has 2 labels; each record needs one label");
    }

    @Test
    void noChampionIsAUsageError() {
        EngineRun r = inputError(EngineRun.monitor(dir, world.endOf(2), "monitor.alias=prod"));
        assertThat(r.result().error().kind()).isEqualTo(ErrorKind.USAGE);
        assertThat(r.result().error().message())
                .startsWith("no version of model 'fraud' has the alias 'prod' in the local registry");
    }

    @Test
    void trainingDataThatChangedSinceTheChampionWasTrainedIsNamed() throws IOException {
        Files.writeString(dir.resolve("data/train.csv"), "\n", java.nio.file.StandardOpenOption.APPEND);
        EngineRun r = inputError(EngineRun.monitor(dir, world.endOf(2)));
        assertThat(r.result().error().message())
                .startsWith("version 1 (run ")
                .contains("was trained on data/train.csv with sha256 ")
                .contains("(it changed since); set monitor.reference");
        EngineRun withReference = EngineRun.monitor(dir, world.endOf(2), "monitor.reference=data/train.csv");
        assertThat(withReference.result().exitCode())
                .as(withReference.toString())
                .isZero();
        assertThat(withReference.result().notes()).anyMatch(n -> n.startsWith("Feature drift compares with"));
    }

    @Test
    void validateConfigListsMonitorAmongTheSteps() {
        assertThat(io.mlopsci.core.pipeline.StepCatalog.configured(io.mlopsci.core.config.ConfigLoader.load(
                        dir.resolve("mlops.yaml"),
                        new io.mlopsci.core.config.ConfigLoader.Options(null, null, EngineRun.env(), List.of()))))
                .contains(StepId.MONITOR);
    }
}
