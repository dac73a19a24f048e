package io.mlopsci.core.data.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.Method;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.data.engine.SparkDriftSql;
import io.mlopsci.core.data.engine.SparkSql;
import io.mlopsci.core.data.scan.CheckDialect;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.SqlRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reference's sample on an add-on engine (Spark's SQL, answered here by a runner that records
 * the queries): the rows whose hash of the compared columns is 0 modulo ⌈rows / 131,072⌉, or the
 * whole reference when it has no more rows than that; numeric columns bracketed by a random sample's four standard errors
 * (not the Spark sketch's narrower bound); a text column counted exactly in the single scan only
 * when the sample finds its values few, and then checked against the first scan's distinct
 * estimate; a text column with many values left to the two-scan plan.
 */
class ReferenceSampleHashTest {

    /** One row in ⌈10,000,000 / 131,072⌉ = 77. */
    private static final String SAMPLE =
            "(SELECT * FROM `ref` WHERE pmod(xxhash64(\"x\", \"city\", \"code\"), 77) = 0) AS sample";

    private final DataFile.Column x = new DataFile.Column("x", "double", DataFile.Kind.FLOAT);
    private final DataFile.Column city = new DataFile.Column("city", "string", DataFile.Kind.STRING);
    private final DataFile.Column code = new DataFile.Column("code", "string", DataFile.Kind.STRING);
    private final DataFile ref = new DataFile(
            DataConfig.Role.TRAIN,
            null,
            "reference",
            DataConfig.FileFormat.Kind.PARQUET,
            -1,
            List.of(x, city, code),
            "`ref`",
            null,
            null,
            null,
            null,
            List.of());
    private final List<DriftColumn> columns = List.of(column(x, true), column(city, false), column(code, false));

    /** Answers the reference's row count and the sample's aggregates. */
    private static final class Recorder implements SqlRunner {
        final List<String> queries = new ArrayList<>();
        final long rows;

        Recorder(long rows) {
            this.rows = rows;
        }

        @Override
        public Row one(String sql, String what, long bytes) {
            queries.add(sql);
            Map<String, Object> row = new HashMap<>();
            if (sql.equals("SELECT count(*) AS n FROM `ref`")) {
                row.put("n", rows);
            } else {
                List<Object> quantiles = new ArrayList<>();
                for (int i = 0; i < 18; i++) {
                    quantiles.add((double) i);
                }
                List<Object> many = new ArrayList<>();
                for (int i = 0; i < 2_000; i++) {
                    many.add("v" + i);
                }
                long n = Math.min(rows, 5_000);
                List<Object> two = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    two.add(i % 2 == 0 ? "a" : "b");
                }
                row.put("a0", quantiles); // x: the sample's exact quantiles
                row.put("a1", n); // x: values
                row.put("a2", n); // x: distinct: many
                row.put("a3", two); // city: two values
                row.put("a4", n);
                row.put("a5", many); // code: 2,000 values seen once
                row.put("a6", n);
            }
            return new Row(row);
        }

        @Override
        public List<Row> all(String sql, String what, long bytes, int limit) {
            throw new AssertionError("not expected: " + sql);
        }

        @Override
        public CheckDialect dialect() {
            return SparkSql.INSTANCE;
        }
    }

    @Test
    void aHashSamplePlansBracketsAndFewTextValuesAndLeavesManyTextValuesToTwoScans() throws Exception {
        Planned p = planOnSpark(10_000_000);

        assertThat(p.db().queries).hasSize(2);
        assertThat(p.db().queries.get(0)).isEqualTo("SELECT count(*) AS n FROM `ref`");
        // Brackets for the sample's expected size, 10,000,000 / 77 rows.
        List<Double> fractions = p.quantiles().get("x").fractionsOfSample(129_870);
        assertThat(fractions.get(0)).isEqualTo(0.1 - ExactQuantiles.delta(0.1, 129_870));
        // One pass over the sample: the text values are collected and counted by the planner.
        assertThat(p.db().queries.get(1))
                .isEqualTo("SELECT " + SparkDriftSql.INSTANCE.aggregate(new Aggregate.Quantiles(x, fractions))
                        + " AS a0,\n  count(\"x\") AS a1,\n  approx_count_distinct(\"x\") AS a2,\n"
                        + "  collect_list(\"city\") AS a3,\n  count(\"city\") AS a4,\n"
                        + "  collect_list(\"code\") AS a5,\n  count(\"code\") AS a6\nFROM " + SAMPLE);
        assertThat(p.err().toString(StandardCharsets.UTF_8))
                .contains("drift: quantile brackets from a sample of reference: one row in 77 of 10,000,000 by a hash"
                        + " of the compared columns");

        assertThat(p.out().keySet()).containsExactly("x", "city");
        assertThat(p.out().get("x").checkDistinct()).isFalse();
        assertThat(p.out().get("city").checkDistinct()).isTrue();
        assertThat(p.out().get("city").valuesKey()).isNotNull();
        // x: a count below each of the nine brackets and the values inside them; city: every value counted.
        assertThat(p.single().stream().filter(a -> a instanceof Aggregate.CountBelow))
                .hasSize(9);
        assertThat(p.single().stream().filter(a -> a instanceof Aggregate.ValuesWithin))
                .hasSize(1);
        assertThat(p.single())
                .contains(new Aggregate.ValueCounts(city))
                .doesNotContain(new Aggregate.ValueCounts(code));
        assertThat(p.single()).hasSize(11);
    }

    @Test
    void aReferenceOfAtMostTheSamplesSizeIsItsOwnSampleWithExactDecisions() throws Exception {
        Planned p = planOnSpark(ReferenceSample.HASH_SAMPLE_ROWS);

        assertThat(p.db().queries).hasSize(2);
        assertThat(p.db().queries.get(0)).isEqualTo("SELECT count(*) AS n FROM `ref`");
        assertThat(p.db().queries.get(1))
                .contains(SparkDriftSql.INSTANCE.aggregate(new Aggregate.Quantiles(
                        x, p.quantiles().get("x").fractionsOfSample((int) ReferenceSample.HASH_SAMPLE_ROWS))))
                .endsWith("\nFROM `ref`")
                .doesNotContain("xxhash64");
        assertThat(p.err().toString(StandardCharsets.UTF_8))
                .contains("drift: quantile brackets from all of reference (small enough to be its own sample)");
        // The whole file's 2,000 values are few (at most 10,000): counted exactly, still checked.
        assertThat(p.out().keySet()).containsExactly("x", "city", "code");
        assertThat(p.out().get("code").checkDistinct()).isTrue();
        assertThat(p.single()).contains(new Aggregate.ValueCounts(city), new Aggregate.ValueCounts(code));
    }

    @Test
    void withoutAHashSampleTheDialectLeavesEveryColumnToTwoScans() throws Exception {
        Recorder db = new Recorder(5_000);
        Map<String, ExactQuantiles> quantiles = new LinkedHashMap<>();
        quantiles.put("x", new ExactQuantiles(x, 10));
        Map<String, ReferenceSample.OnePass> out = ReferenceSample.planHashed(
                columns,
                quantiles,
                20,
                ref,
                db,
                DuckDbDialect.INSTANCE,
                progress(new ByteArrayOutputStream()),
                aggregate -> {
                    throw new AssertionError("nothing to add");
                });
        assertThat(out).isEmpty();
        assertThat(db.queries).isEmpty();
    }

    @Test
    void aRowSamplesBracketsAreFourStandardErrorsOnEveryEngineAndTheSketchsTheEnginesOwn() {
        ExactQuantiles spark = new ExactQuantiles(x, 10, SparkDriftSql.INSTANCE);
        ExactQuantiles duck = new ExactQuantiles(x, 10);
        assertThat(spark.fractionsOfSample(100_000)).isEqualTo(duck.fractionsOfSample(100_000));
        assertThat(duck.fractionsOfSample(100_000)).isEqualTo(duck.sampleFractions(100_000));
        assertThat(spark.sampleFractions(65_536).get(8)).isEqualTo(0.5 - 8.0 / 65_536);
    }

    /** What {@link ReferenceSample#planHashed} did on Spark's SQL for a reference of {@code rows} rows. */
    private record Planned(
            Recorder db,
            Map<String, ExactQuantiles> quantiles,
            List<Aggregate> single,
            ByteArrayOutputStream err,
            Map<String, ReferenceSample.OnePass> out) {}

    private Planned planOnSpark(long rows) throws Exception {
        Recorder db = new Recorder(rows);
        Map<String, ExactQuantiles> quantiles = new LinkedHashMap<>();
        quantiles.put("x", new ExactQuantiles(x, 10, SparkDriftSql.INSTANCE));
        List<Aggregate> single = new ArrayList<>();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, ReferenceSample.OnePass> out = ReferenceSample.planHashed(
                columns, quantiles, 20, ref, db, SparkDriftSql.INSTANCE, progress(err), aggregate -> {
                    single.add(aggregate);
                    return "k" + single.size();
                });
        return new Planned(db, quantiles, single, err, out);
    }

    private static DriftColumn column(DataFile.Column c, boolean numeric) {
        return new DriftColumn(
                c.name(), c, c, Method.PSI, new DataConfig.Thresholds(0.1, 0.2, 0, 0), null, numeric, null, null);
    }

    private static Progress progress(ByteArrayOutputStream err) {
        return new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), "validate-data", false);
    }
}
