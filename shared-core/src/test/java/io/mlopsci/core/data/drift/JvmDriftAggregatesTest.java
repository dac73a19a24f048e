package io.mlopsci.core.data.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DataFileFixtures;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.SqlRunner;
import io.mlopsci.core.data.scan.WithoutFeeding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drift plan's counts below edges, bracket values and sample quantiles, fed to the JVM by
 * DuckDB, against the same aggregates in DuckDB's SQL: on a Parquet and a CSV file with nulls, NaN
 * (null to the checks), repeated values, values exactly on the edges and an integer column.
 */
class JvmDriftAggregatesTest {

    @TempDir
    Path tmp;

    private static final List<double[]> RANGES =
            List.of(new double[] {-2.5, -1}, new double[] {0, 0}, new double[] {3, 7.25});

    private List<DataFile> files(DuckDb db) throws Exception {
        String rows = "SELECT CASE WHEN i % 11 = 0 THEN NULL WHEN i % 13 = 0 THEN 'NaN'::DOUBLE"
                + " ELSE round(sin(i) * 10, 2) END AS x, i % 9 - 4 AS k FROM range(120000) AS t(i)";
        Path parquet = tmp.resolve("d.parquet");
        Path csv = tmp.resolve("d.csv");
        db.execute("COPY (" + rows + ") TO '" + parquet + "' (FORMAT parquet, ROW_GROUP_SIZE 20000)", "writing", 0);
        db.execute("COPY (" + rows + ") TO '" + csv + "' (HEADER)", "writing", 0);
        return List.of(DataFileFixtures.reference(db, parquet), DataFileFixtures.reference(db, csv));
    }

    /** The keys, in order, of the aggregates added for column {@code name}. */
    private static List<String> plan(AggregateQuery q, DataFile f, String name) {
        DataFile.Column c = f.column(name);
        AggregateSink sink = AggregateSink.of(DuckDbDialect.INSTANCE, q, f.relation());
        List<String> keys = new ArrayList<>();
        for (double edge : new double[] {-10, -3.5, -2.5, 0, 0.01, 7.25, 10, 11}) {
            keys.add(sink.add(new Aggregate.CountBelow(c, edge, false)));
            keys.add(sink.add(new Aggregate.CountBelow(c, edge, true)));
        }
        keys.add(sink.add(new Aggregate.ValuesWithin(c, RANGES)));
        keys.add(sink.add(new Aggregate.Quantiles(c, List.of(0.0, 0.1, 0.25, 0.5, 0.9, 1.0), true)));
        return keys;
    }

    @Test
    void fedCountsValuesAndQuantilesAreTheSqlsOnEveryFormat() throws Exception {
        try (DuckDb db = DataFileFixtures.db(tmp.resolve("work"))) {
            for (DataFile f : files(db)) {
                for (String column : List.of("x", "k")) {
                    AggregateQuery fedQuery = new AggregateQuery();
                    List<String> keys = plan(fedQuery, f, column);
                    assertThat(String.join("\n", fedQuery.selects(db, f, f.relation())))
                            .contains("mlops_feed(")
                            .doesNotContain("count_if(" + f.column(column).sql())
                            .doesNotContain("quantile_cont");
                    Row fed = fedQuery.run(db, f, "fed");
                    AggregateQuery sqlQuery = new AggregateQuery();
                    plan(sqlQuery, f, column);
                    SqlRunner sqlOnly = new WithoutFeeding(db);
                    Row sql = sqlQuery.run(sqlOnly, f, "sql");
                    String what = f.display() + " " + column;

                    for (String key : keys.subList(0, keys.size() - 2)) {
                        assertThat(fed.count(key)).as(what + " " + key).isEqualTo(sql.count(key));
                    }
                    String within = keys.get(keys.size() - 2);
                    double[] sorted = sql.getDoubles(within);
                    Arrays.sort(sorted);
                    assertThat(fed.getDoubles(within)).as(what).isNotEmpty().containsExactly(sorted);
                    List<Object> fedQuantiles = fed.getList(keys.get(keys.size() - 1));
                    List<Object> sqlQuantiles = sql.getList(keys.get(keys.size() - 1));
                    assertThat(fedQuantiles).hasSameSizeAs(sqlQuantiles);
                    for (int i = 0; i < fedQuantiles.size(); i++) {
                        double expected = ((Number) sqlQuantiles.get(i)).doubleValue();
                        assertThat(((Number) fedQuantiles.get(i)).doubleValue())
                                .as(what + " quantile " + i)
                                .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
                    }
                }
            }
        }
    }

    @Test
    void aColumnWithoutValuesHasNoQuantilesNoBracketValuesAndCountsOfZero() throws Exception {
        try (DuckDb db = DataFileFixtures.db(tmp.resolve("work"))) {
            Path parquet = tmp.resolve("empty.parquet");
            db.execute(
                    "COPY (SELECT CAST(NULL AS DOUBLE) AS x, i AS k FROM range(10) AS t(i)) TO '" + parquet
                            + "' (FORMAT parquet)",
                    "writing",
                    0);
            DataFile f = DataFileFixtures.reference(db, parquet);
            AggregateQuery q = new AggregateQuery();
            List<String> keys = plan(q, f, "x");
            Row r = q.run(db, f, "fed");
            assertThat(r.count(keys.get(0))).isZero();
            assertThat(r.getDoubles(keys.get(keys.size() - 2))).isEmpty();
            assertThat(r.get(keys.get(keys.size() - 1))).isNull();
        }
    }
}
