package io.mlopsci.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.registry.LocalRegistry;
import io.mlopsci.core.registry.MonitorRecord;
import io.mlopsci.core.testing.ProductionLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A week of simulated production: the model is trained and promoted, then serves 1,000 requests a
 * day; from day 5 its inputs drift (amount shifts, segment swings to mobile) and the labels stop
 * following it. Labels arrive two days late. The monitor runs at the end of every day from day 3
 * (when the first labels are in) over the last 24 hours, looking back 72 hours for labelled records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorScenarioTest {

    static final int DRIFT_DAY = 5;
    static final String YAML = """
            model: fraud
            data:
              train: data/train.csv
              label: label
              columns:
                amount:   {type: number, min: -8, max: 8}
                velocity: {type: number, nullable: false}
                segment:  {type: string, allowed: [web, store, mobile]}
            train:
              metrics: model/metrics.json
              predictions: model/predictions.csv
            gate:
              metrics:
                roc_auc:  {min: 0.75}
                accuracy: {min: 0.6}
              confidence: {resamples: 300, level: 0.95, seed: 7}
            monitor:
              data: records
              window: 24h
              drift: {method: psi, warn: 0.1, fail: 0.2, exclude: [id]}
              labels: {data: labels, window: 72h}
              metrics: {min_rows: 200}
            """;

    @TempDir
    static Path dir;

    ProductionLogs world;
    Path arrived;

    @BeforeAll
    void deployAWeekAgo() throws IOException {
        world = new ProductionLogs(11, Instant.parse("2026-01-01T00:00:00Z"), 7, 1000, DRIFT_DAY, "1");
        world.writeTraining(dir.resolve("data/train.csv"), dir.resolve("model/predictions.csv"), 2000);
        Files.writeString(dir.resolve("model/metrics.json"), "{\"loss\": 0.4}");
        Files.writeString(dir.resolve("mlops.yaml"), YAML);
        EngineRun.champion(dir);
        world.writeDays(dir.resolve("records"), dir.resolve("all-labels"));
        arrived = Files.createDirectories(dir.resolve("labels"));
    }

    /** The labels of days up to {@code day} have arrived (and none later: a test may go back in time). */
    void labelsUpTo(int day) throws IOException {
        try (var old = Files.list(arrived)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        for (int d = 1; d <= day; d++) {
            Path from = ProductionLogs.labelFile(dir.resolve("all-labels"), d);
            Files.copy(from, arrived.resolve(from.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    EngineRun day(int day) throws IOException {
        labelsUpTo(day - 2);
        EngineRun r = EngineRun.monitor(dir, world.endOf(day));
        assertThat(r.result().exitCode()).as(r + "\n" + r.stderr()).isIn(0, 1);
        return r;
    }

    @Test
    @Order(1)
    void daysBeforeTheDriftPass() throws IOException {
        for (int d = 3; d < DRIFT_DAY; d++) {
            EngineRun r = day(d);
            assertThat(r.result().verdict()).as("day " + d + ": " + r).isEqualTo(Verdict.PASS);
            assertThat(r.get("drift.amount").status()).isEqualTo(Status.PASS);
            assertThat(r.get("metric.roc_auc.min").status()).isEqualTo(Status.PASS);
            assertThat(r.get("metric.roc_auc.min").interval())
                    .as("decided by the bootstrap")
                    .isNotNull();
            assertThat(r.get("volume.rows").actual()).isEqualTo(1000.0);
            assertThat(r.outputs().retrain()).isFalse();
            assertThat(r.outputs().labelledRows()).isEqualTo(1000L);
        }
    }

    @Test
    @Order(2)
    void theFirstDriftingWindowFailsNamingTheColumns() throws IOException {
        EngineRun r = day(DRIFT_DAY);
        assertThat(r.result().verdict()).as(r.toString()).isEqualTo(Verdict.FAIL);
        assertThat(r.result().exitCode()).isEqualTo(1);
        assertThat(r.outputs().drifting()).containsExactlyInAnyOrder("amount", "segment");
        assertThat(r.get("drift.amount").status()).isEqualTo(Status.FAIL);
        assertThat(r.get("drift.segment").status()).isEqualTo(Status.FAIL);
        assertThat(r.get("drift.velocity").status()).isEqualTo(Status.PASS);
        assertThat(r.result().summary()).contains("drift.amount").contains("drift.segment");
        assertThat(r.get("prediction_drift.score").status()).isEqualTo(Status.FAIL);
        assertThat(r.outputs().retrain()).isTrue();
        assertThat(r.outputs().retrainReasons()).anyMatch(s -> s.startsWith("drift: ") && s.contains("drift.amount"));
        // The labels of the drifting day are not in yet: the live metrics still see day 3 and pass.
        assertThat(r.get("metric.roc_auc.min").status()).isEqualTo(Status.PASS);
        assertThat(r.report("report.md")).contains("amount").contains("xychart-beta");
    }

    @Test
    @Order(3)
    void theLiveMetricTurnsInconclusiveThenFailsAsLabelsArrive() throws IOException {
        // The first drifting day, judged on its own records only, before and after its labels arrive.
        labelsUpTo(DRIFT_DAY - 2);
        EngineRun before = EngineRun.monitor(dir, world.endOf(DRIFT_DAY), "monitor.labels.window=24h");
        Criterion c = before.get("metric.roc_auc.min");
        assertThat(c.status()).as(before.toString()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(c.effect()).isEqualTo(Effect.WARN);
        assertThat(c.message()).contains("0 labelled records").contains("min_rows 200");
        assertThat(before.outputs().labelledRows()).isZero();

        labelsUpTo(DRIFT_DAY);
        EngineRun after = EngineRun.monitor(dir, world.endOf(DRIFT_DAY), "monitor.labels.window=24h");
        Criterion f = after.get("metric.roc_auc.min");
        assertThat(f.status()).as(after.toString()).isEqualTo(Status.FAIL);
        assertThat(f.actual()).isLessThan(0.65);
        assertThat(f.interval().high())
                .as("the whole interval is below the bound")
                .isLessThan(0.75);
        assertThat(after.outputs().labelledRows()).isEqualTo(1000L);
        assertThat(after.outputs().retrainReasons()).anyMatch(s -> s.startsWith("metric: "));
    }

    @Test
    @Order(4)
    void theDailyRunsSeeTheLiveMetricFailOnceTheDriftingDaysLabelsAreIn() throws IOException {
        EngineRun six = day(DRIFT_DAY + 1);
        assertThat(six.get("metric.roc_auc.min").status()).isEqualTo(Status.PASS);
        EngineRun seven = day(DRIFT_DAY + 2);
        assertThat(seven.get("metric.roc_auc.min").status())
                .as(seven.toString())
                .isEqualTo(Status.FAIL);
        assertThat(seven.outputs().liveMetrics()).containsKey("roc_auc");

        List<MonitorRecord> history;
        try (LocalRegistry reg = LocalRegistry.open(dir.resolve(".mlops/registry"), "registry")) {
            history = reg.monitorHistory("fraud", 14);
        }
        assertThat(history)
                .extracting(MonitorRecord::windowEnd)
                .as("one record per window, the re-checked day counted once")
                .containsExactly(
                        world.endOf(3).toString(),
                        world.endOf(4).toString(),
                        world.endOf(5).toString(),
                        world.endOf(6).toString(),
                        world.endOf(7).toString());
        assertThat(history).extracting(MonitorRecord::verdict).containsExactly("PASS", "PASS", "FAIL", "FAIL", "FAIL");
        String md = seven.report("report.md");
        assertThat(md)
                .contains("Monitoring history")
                .contains("Drift of amount over time")
                .contains("xychart-beta");
    }
}
