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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same checks on the same data through both engines give the same criteria: the benchmark's
 * generator ({@code bench/validate-data/make_data.py}: 20 columns, nulls, a drifted current file),
 * its schema (types, null shares, ranges, allowed values: 200 of them for {@code c5}) plus rules
 * that fail and so list evidence (regex, length, uniqueness, a range with {@code mostly}), the
 * table rules and leakage by key and by row — on DuckDB and on Spark, as CSV and as Parquet. Every
 * criterion has the same status, the same numbers to 1e-9 relative and the same evidence (its
 * values, counts and first rows), except the distinct-value estimate of the evidence, which each
 * engine takes from its own sketch (docs/spark.md).
 *
 * <p>Rows: {@code -Dmlops.parity.rows} (default 100,000; the 1,000,000 is a manual run).
 */
class SparkParityIT {

    private static final int ROWS = Integer.getInteger("mlops.parity.rows", 100_000);

    /** Estimates from each engine's own sketch (HyperLogLog variants), and what follows from them. */
    private static final Set<String> ESTIMATES = Set.of("distinctValues", "truncated");

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
        Map<String, Criterion> left = byId(a.criteria());
        Map<String, Criterion> right = byId(b.criteria());
        assertThat(right.keySet()).containsExactlyElementsOf(left.keySet());
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
        List<String> differences = new ArrayList<>();
        for (Criterion x : left.values()) {
            Criterion y = right.get(x.id());
            if (x.status() != y.status()) {
                differences.add(x.id() + ": status " + x.status() + " vs " + y.status());
            }
            compare(x.id() + ".actual", x.actual(), y.actual(), differences);
            compare(x.id() + ".threshold", x.threshold(), y.threshold(), differences);
            compare(x.id() + ".details", x.details(), y.details(), differences);
        }
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
                + "    max_fraction: 0\n";
    }

    private static Map<String, Criterion> byId(List<Criterion> criteria) {
        Map<String, Criterion> m = new LinkedHashMap<>();
        criteria.forEach(c -> m.put(c.id(), c));
        return m;
    }

    /** Numbers to 1e-9 relative, everything else exactly, recursively through maps and lists. */
    private static void compare(String at, Object x, Object y, List<String> out) {
        if (x instanceof Number p && y instanceof Number q) {
            double u = p.doubleValue();
            double v = q.doubleValue();
            if (!(u == v || Math.abs(u - v) <= 1e-9 * Math.max(Math.abs(u), Math.abs(v)))) {
                out.add(at + ": " + x + " vs " + y);
            }
        } else if (x instanceof Map<?, ?> p && y instanceof Map<?, ?> q) {
            Set<Object> keys = new TreeSet<>(Comparator.comparing(Object::toString));
            keys.addAll(p.keySet());
            keys.addAll(q.keySet());
            for (Object k : keys) {
                if (!ESTIMATES.contains(k.toString())) {
                    compare(at + "." + k, p.get(k), q.get(k), out);
                }
            }
        } else if (x instanceof List<?> p && y instanceof List<?> q) {
            if (p.size() != q.size()) {
                out.add(at + ": " + p + " vs " + q);
                return;
            }
            for (int i = 0; i < p.size(); i++) {
                compare(at + "[" + i + "]", p.get(i), q.get(i), out);
            }
        } else if (x == null ? y != null : !x.equals(y)) {
            out.add(at + ": " + x + " vs " + y);
        }
    }
}
