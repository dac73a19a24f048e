package io.mlopsci.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.PythonEnv;
import io.mlopsci.core.testing.Requirements;
import io.mlopsci.core.testing.SparkConnectServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same checks on the same data through both engines give the same criteria: the benchmark's
 * generator ({@code bench/validate-data/make_data.py}: 20 columns, nulls, a drifted current file),
 * its schema (types, null shares, ranges, allowed values: 200 of them for {@code c5}) plus rules
 * that fail and so list evidence (regex, length, uniqueness, a range with {@code mostly}), the
 * table rules, leakage by key and by row, and drift (every measure, on numbers and text, and the
 * dataset share) — on DuckDB and on Spark, as CSV and as Parquet. Every
 * criterion has the same status, the same numbers to 1e-9 relative and the same evidence (its
 * values, counts and first rows), except the distinct-value estimate of the evidence, which each
 * engine takes from its own sketch (docs/spark.md).
 *
 * <p>Rows: {@code -Dmlops.parity.rows} (default 100,000; the 1,000,000 is a manual run).
 */
class SparkParityIT {

    private static final int ROWS = Integer.getInteger("mlops.parity.rows", 100_000);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet"})
    void everyCriterionIsTheSameOnDuckDbAndOnSpark(String format) {
        Path data = dir.resolve("data");
        Processes.Result made = Processes.run(
                List.of(
                        PythonEnv.python().toString(),
                        Requirements.repoRoot()
                                .resolve("bench/validate-data/make_data.py")
                                .toString(),
                        data.toString(),
                        String.valueOf(ROWS),
                        format),
                null,
                Map.of(),
                Duration.ofMinutes(10));
        assertThat(made.exitCode()).as(made.toString()).isZero();
        String checks = checks(data, format);

        SparkStepRun duck = SparkStepRun.of(dir.resolve("duckdb"), "model: m\ndata:\n" + checks, Map.of());
        SparkStepRun spark = SparkStepRun.of(
                dir.resolve("spark"),
                "model: m\ndata:\n  engine: spark\n  spark: {remote: '"
                        + SparkConnectServer.shared().remote() + "'}\n" + checks,
                Map.of());

        StepResult a = duck.result();
        StepResult b = spark.result();
        assertThat(a.error()).as(duck.stderr()).isNull();
        assertThat(b.error()).as(spark.stderr()).isNull();
        Map<String, Criterion> left = CriteriaParity.byId(a.criteria());
        Map<String, Criterion> right = CriteriaParity.byId(b.criteria());
        assertThat(right.keySet()).containsExactlyElementsOf(left.keySet());
        // Drift is compared with every measure, and the dataset's share of drifting columns.
        assertThat(left.values())
                .extracting(Criterion::rule)
                .contains("drift_psi", "drift_ks", "drift_wasserstein", "drift_jensenshannon", "drift_chisquare");
        assertThat(left).containsKey("drift.dataset");
        // The check set exercises passing and failing rules alike.
        assertThat(left.values())
                .extracting(Criterion::status)
                .contains(io.mlopsci.contract.result.Status.PASS, io.mlopsci.contract.result.Status.FAIL);
        // ... and failed rules list their evidence (values, counts, first rows), compared too.
        long withEvidence = left.values().stream()
                .filter(c -> c.details() != null
                        && (c.details().get("firstRows") instanceof List<?> l && !l.isEmpty()
                                || c.details().get("examples") instanceof List<?> e && !e.isEmpty()))
                .count();
        assertThat(withEvidence).isGreaterThanOrEqualTo(5);
        System.out.printf(
                "parity %s, %,d rows: %d criteria (%d with evidence), DuckDB %s, Spark %s%n",
                format, ROWS, left.size(), withEvidence, a.verdict(), b.verdict());
        List<String> differences = CriteriaParity.differences(left, right);
        assertThat(differences)
                .as("DuckDB vs Spark, " + ROWS + " rows of " + format)
                .isEmpty();
        assertThat(b.verdict()).isEqualTo(a.verdict());
        assertThat(b.exitCode()).isEqualTo(a.exitCode());
    }

    /** The bench's schema and rules that fail on its data (evidence), table rules and leakage. */
    private static String checks(Path data, String format) {
        String ref = data.resolve("reference." + format).toString();
        String cur = data.resolve("current." + format).toString();
        return "  train: '" + ref + "'\n  eval: '" + cur + "'\n  schema: '" + data.resolve("schema.yaml") + "'\n"
                + "  label: label\n"
                + "  columns:\n"
                + "    id: {unique: true}\n"
                + "    i2: {unique: true}\n"
                + "    c1: {regex: 'c1_00[01]', length: {min: 5, max: 5}}\n"
                + "    c4: {regex: 'c4_0[0-4]\\d', mostly: 0.5}\n"
                + "    n1: {min: -1.5, max: 1.5, mostly: 0.8}\n"
                + "    n9: {min: 0.05, mostly: 0.9}\n"
                + "  table:\n"
                + "    rows: {min: 1000}\n"
                + "    max_duplicate_fraction: 0\n"
                + "    class_balance: {min: 0.2, max: 0.72}\n"
                + "  leakage:\n"
                + "    keys: [id]\n"
                + "    rows: true\n"
                + "    max_fraction: 0\n"
                // Every drift measure on numbers and text, chosen or configured, and the dataset share:
                // psi (default: binned by the reference's exact deciles, or text by category), ks (p-value
                // from D, n, m), wasserstein, jensenshannon and chisquare; auto choosing wasserstein for
                // integers with many values and jensenshannon by value for the two-valued label.
                + "  drift:\n"
                + "    method: psi\n"
                + "    exclude: [id]\n"
                + "    per_column:\n"
                + "      n1: {method: ks}\n"
                + "      n2: {method: wasserstein}\n"
                + "      n5: {method: jensenshannon}\n"
                + "      n8: {method: chisquare}\n"
                + "      i1: {method: auto}\n"
                + "      label: {method: auto}\n"
                + "      c1: {method: chisquare}\n"
                + "      c2: {method: jensenshannon}\n"
                + "      c6: {method: auto}\n"
                + "    share: {warn: 0.25, fail: 0.5}\n";
    }
}
