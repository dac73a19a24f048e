package io.mlopsci.core.data.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.data.drift.Aggregate;
import io.mlopsci.core.data.drift.Categories;
import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparkDriftSqlTest {

    private final SparkDriftSql sql = SparkDriftSql.INSTANCE;
    private final DataFile.Column amount = new DataFile.Column("amount", "double", DataFile.Kind.FLOAT);
    private final DataFile.Column count = new DataFile.Column("n", "bigint", DataFile.Kind.INTEGER);
    private final DataFile.Column city = new DataFile.Column("city", "string", DataFile.Kind.STRING);
    private final DataFile.Column flag = new DataFile.Column("ok", "boolean", DataFile.Kind.BOOLEAN);

    @Test
    void valuesAreDoublesAndDatesSecondsSinceTheEpochAsDuckDbsEpoch() {
        assertThat(sql.aggregate(new Aggregate.StdDevPop(amount))).isEqualTo("stddev_pop(\"amount\")");
        assertThat(sql.aggregate(new Aggregate.StdDevPop(count))).isEqualTo("stddev_pop(CAST(\"n\" AS DOUBLE))");
        assertThat(SparkDriftSql.number(new DataFile.Column("d", "date", DataFile.Kind.DATE)))
                .isEqualTo("CAST(unix_date(\"d\") AS DOUBLE) * 86400");
        assertThat(SparkDriftSql.number(new DataFile.Column("t", "timestamp_ntz", DataFile.Kind.TIMESTAMP)))
                .isEqualTo("unix_micros(CAST(\"t\" AS TIMESTAMP)) / 1e6");
    }

    @Test
    void exactQuantilesArePercentileAndTheBracketsApproxPercentileAsFineAsTheSample() {
        assertThat(sql.aggregate(new Aggregate.Quantiles(amount, List.of(0.25, 0.5))))
                .isEqualTo("percentile(\"amount\", array(CAST('0.25' AS DOUBLE), CAST('0.5' AS DOUBLE)))");
        assertThat(sql.aggregate(new Aggregate.SampleQuantiles(amount, List.of(0.1, 0.2), 65536)))
                .isEqualTo("approx_percentile(\"amount\", array(CAST('0.1' AS DOUBLE), CAST('0.2' AS DOUBLE)), 65536)");
    }

    @Test
    void countsBelowAndValuesInsideBracketsAreOnePassAggregates() {
        assertThat(sql.aggregate(new Aggregate.CountBelow(count, 3.5, true)))
                .isEqualTo("count_if(CAST(\"n\" AS DOUBLE) <= CAST('3.5' AS DOUBLE))");
        assertThat(sql.aggregate(new Aggregate.ValuesWithin(
                        amount, List.of(new double[] {0, 1}, new double[] {2, 3}, new double[] {5, 8}))))
                .isEqualTo("collect_list(\"amount\") FILTER (WHERE \"amount\" >= CAST('0.0' AS DOUBLE) AND "
                        + "(CASE WHEN \"amount\" < CAST('2.0' AS DOUBLE) THEN \"amount\" <= CAST('1.0' AS DOUBLE)"
                        + " ELSE (CASE WHEN \"amount\" < CAST('5.0' AS DOUBLE) THEN \"amount\" <= CAST('3.0' AS DOUBLE)"
                        + " ELSE \"amount\" <= CAST('8.0' AS DOUBLE) END) END))");
    }

    @Test
    void topValuesAreTheItemsOfApproxTopKAsTextOrNumbers() {
        assertThat(sql.aggregate(new Aggregate.TopValues(count, 6, false)))
                .isEqualTo("transform(approx_top_k(CAST(\"n\" AS DOUBLE), 6), e -> e.item)");
        assertThat(sql.aggregate(new Aggregate.TopValues(flag, 100, true)))
                .isEqualTo("transform(approx_top_k(CAST(\"ok\" AS STRING), 100), e -> e.item)");
        assertThat(sql.aggregate(new Aggregate.DistinctEstimate(city))).isEqualTo("approx_count_distinct(\"city\")");
    }

    /** The subquery every grouped count of a scan of {@code relation} reads, for rows written as {@code rows}. */
    private static String grouped(String rows, String relation) {
        return "SELECT struct(map_from_entries(collect_list(struct(k, s))) AS s,"
                + " map_from_entries(collect_list(struct(k, d))) AS d, map_from_entries(collect_list(struct(k, p))) AS p)"
                + " FROM (SELECT k, map_from_entries(collect_list(struct(s, n)) FILTER (WHERE s IS NOT NULL)) AS s,"
                + " map_from_entries(collect_list(struct(d, n)) FILTER (WHERE d IS NOT NULL)) AS d,"
                + " map_from_entries(collect_list(struct(p, n)) FILTER (WHERE p > 0)) AS p"
                + " FROM (SELECT k, s, d, p, count(*) AS n FROM (SELECT inline(array(" + rows + ")) FROM " + relation
                + ") AS g WHERE k IS NOT NULL GROUP BY k, s, d, p) AS h GROUP BY k) AS m";
    }

    /** The same when only one kind of value is counted: only its field in the rows. */
    private static String grouped(String field, String counted, String rows, String relation) {
        return "SELECT struct(map_from_entries(collect_list(struct(k, " + field + "))) AS " + field + ")"
                + " FROM (SELECT k, map_from_entries(collect_list(struct(" + field + ", n)) FILTER (WHERE " + counted
                + ")) AS " + field + " FROM (SELECT k, " + field + ", count(*) AS n FROM (SELECT inline(array(" + rows
                + ")) FROM " + relation + ") AS g WHERE k IS NOT NULL GROUP BY k, " + field + ") AS h GROUP BY k) AS m";
    }

    @Test
    void everyGroupedCountOfAScanReadsOneSubqueryThatGroupsTheRelationByColumnAndValue() {
        Categories cats = new Categories(
                List.of("it's", "b", "it's"),
                List.of("it's", "b", "it's", "(other values)"),
                true,
                false,
                Categories.Cast.TEXT);
        AggregateQuery q = new AggregateQuery();
        String values = sql.add(q, new Aggregate.ValueCounts(city), "mlops_current");
        String positions = sql.add(q, new Aggregate.CategoryCounts(city, cats), "mlops_current");
        String numbers = sql.add(q, new Aggregate.NumberCounts(count), "mlops_current");
        String n = sql.add(q, new Aggregate.Count(city), "mlops_current");
        // The same aggregate again is the same part, computed once.
        assertThat(sql.add(q, new Aggregate.ValueCounts(city), "mlops_current")).isEqualTo(values);
        assertThat(List.of(values, positions, numbers, n)).containsExactly("a0", "a1", "a2", "a3");
        // Each value in its own typed field of the grouping row: text, number, position in the list.
        String shared = grouped(
                "struct(CASE WHEN \"city\" IS NOT NULL THEN 0 END AS k, \"city\" AS s, CAST(NULL AS DOUBLE) AS d,"
                        + " CAST(NULL AS INT) AS p), struct(CASE WHEN \"city\" IS NOT NULL THEN 1 END AS k,"
                        + " CAST(NULL AS STRING) AS s, CAST(NULL AS DOUBLE) AS d,"
                        + " CAST(array_position(array('it\\'s', 'b', 'it\\'s'), \"city\") AS INT) AS p),"
                        + " struct(CASE WHEN \"n\" IS NOT NULL THEN 2 END AS k, CAST(NULL AS STRING) AS s,"
                        + " CAST(\"n\" AS DOUBLE) AS d, CAST(NULL AS INT) AS p)",
                "mlops_current");
        // The same subquery text in every column's aggregate: Spark runs it once.
        assertThat(q.sql("mlops_current"))
                .isEqualTo("SELECT coalesce(element_at(first((" + shared + ")).s, 0),"
                        + " CASE WHEN count(*) > 0 THEN CAST(map() AS MAP<STRING, BIGINT>) END) AS a0,\n"
                        + "  coalesce(element_at(first((" + shared + ")).p, 1),"
                        + " CASE WHEN count(*) > 0 THEN CAST(map() AS MAP<INT, BIGINT>) END) AS a1,\n"
                        + "  coalesce(element_at(first((" + shared + ")).d, 2),"
                        + " CASE WHEN count(*) > 0 THEN CAST(map() AS MAP<DOUBLE, BIGINT>) END) AS a2,\n"
                        + "  count(\"city\") AS a3\nFROM mlops_current");
    }

    @Test
    void groupedCountsOfAnotherRelationAreAnotherSubquery() {
        AggregateQuery q = new AggregateQuery();
        sql.add(q, new Aggregate.ValueCounts(city), "mlops_reference");
        sql.add(q, new Aggregate.ValueCounts(city), "mlops_current");
        String rows = "struct(CASE WHEN \"city\" IS NOT NULL THEN 0 END AS k, \"city\" AS s)";
        assertThat(q.sql("r"))
                .contains("first((" + grouped("s", "s IS NOT NULL", rows, "mlops_reference") + ")).s, 0)")
                .contains("first((" + grouped("s", "s IS NOT NULL", rows, "mlops_current") + ")).s, 0)");
    }

    @Test
    void countsOverCategoriesAloneAreTheSameGroupingAndAnEmptyListAnEmptyMap() {
        Categories none = new Categories(List.of(), List.of("(other values)"), true, false, Categories.Cast.VARCHAR);
        assertThat(sql.categoryCounts(flag, none, "mlops_train"))
                .isEqualTo("SELECT CAST(map() AS MAP<INT, BIGINT>) AS h, count(\"ok\") AS n FROM mlops_train");
        AggregateQuery q = new AggregateQuery();
        assertThat(sql.add(q, new Aggregate.CategoryCounts(flag, none), "mlops_train"))
                .isEqualTo("a0");
        assertThat(q.sql("mlops_train")).isEqualTo("SELECT CAST(map() AS MAP<INT, BIGINT>) AS a0\nFROM mlops_train");
        Categories numbers =
                new Categories(List.of(1.0, 2.0), List.of("1", "2", "(other)"), false, true, Categories.Cast.DOUBLE);
        String rows = "struct(CASE WHEN \"n\" IS NOT NULL THEN 0 END AS k,"
                + " CAST(array_position(array(CAST('1.0' AS DOUBLE), CAST('2.0' AS DOUBLE)), CAST(\"n\" AS DOUBLE))"
                + " AS INT) AS p)";
        assertThat(sql.categoryCounts(count, numbers, "mlops_train"))
                .isEqualTo(
                        "SELECT coalesce(element_at(first((" + grouped("p", "p > 0", rows, "mlops_train") + ")).p, 0),"
                                + " CASE WHEN count(*) > 0 THEN CAST(map() AS MAP<INT, BIGINT>) END) AS h,"
                                + " count(\"n\") AS n FROM mlops_train");
    }

    @Test
    void theReferenceSampleIsTheRowsWhoseHashOfTheColumnsIsZeroModuloTheShare() {
        assertThat(sql.hashSample("`mlops_reference`", List.of(amount, count, city), 64))
                .isEqualTo("(SELECT * FROM `mlops_reference` WHERE pmod(xxhash64(\"amount\", \"n\", \"city\"), 64) = 0)"
                        + " AS sample");
        // A sample's text values are collected in the same pass (no grouped subquery over the sample).
        assertThat(sql.aggregate(new Aggregate.TextValues(city))).isEqualTo("collect_list(\"city\")");
        assertThat(sql.aggregate(new Aggregate.TextValues(count))).isEqualTo("collect_list(CAST(\"n\" AS STRING))");
    }

    @Test
    void bracketsAreEightTimesApproxPercentilesRankErrorBoundNarrowerThanASamplesFourSigma() {
        for (double q : List.of(0.1, 0.5, 0.9)) {
            assertThat(sql.bracketHalfWidth(q, 65_536)).isEqualTo(8.0 / 65_536);
            assertThat(sql.bracketHalfWidth(q, 65_536))
                    .isLessThan(4 * Math.sqrt(q * (1 - q) / 65_536) / 30); // a sample's 4σ
        }
    }

    @Test
    void exactCountsNeedTheRelationAndEverythingElseIsTheOnePassAggregate() {
        // Without the relation there is no one-pass aggregate for them: a plan bug, said so.
        assertThatThrownBy(() -> sql.aggregate(new Aggregate.ValueCounts(city)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the relation");
        assertThatThrownBy(() -> sql.aggregate(new Aggregate.CategoryCounts(
                        city,
                        new Categories(List.of("b"), List.of("b", "(other)"), true, false, Categories.Cast.TEXT))))
                .isInstanceOf(IllegalArgumentException.class);
        // Everything else is the same with or without it.
        AggregateQuery q = new AggregateQuery();
        sql.add(q, new Aggregate.Count(city), "r");
        assertThat(q.sql("r")).isEqualTo("SELECT count(\"city\") AS a0\nFROM r");
    }

    /** A source Spark reads, in {@code format} (null: a catalog table). */
    private static DataFile source(DataConfig.FileFormat.Kind format) {
        return DataFile.onEngine(
                DataConfig.Role.EVAL,
                "eval",
                format,
                List.of(new DataFile.Column("amount", "double", DataFile.Kind.FLOAT)),
                "mlops_eval",
                "mlops_eval_numbered");
    }

    @Test
    void onAColumnarSourceTheCountsAreCompiledSelectsOf32AndTheSketchesListsAndGroupedCountsOneSelectApart() {
        AggregateQuery q = new AggregateQuery();
        List<String> counts = new ArrayList<>();
        counts.add(sql.add(q, new Aggregate.Count(amount), "mlops_eval"));
        for (int i = 0; i < 40; i++) {
            counts.add(sql.add(q, new Aggregate.CountBelow(amount, i, false), "mlops_eval"));
        }
        String std = sql.add(q, new Aggregate.StdDevPop(amount), "mlops_eval");
        // Imperative aggregates (no generated code in Spark) and the grouped counts' first(...) go apart.
        String top = sql.add(q, new Aggregate.TopValues(city, 5, true), "mlops_eval");
        String distinct = sql.add(q, new Aggregate.DistinctEstimate(amount), "mlops_eval");
        String sketch = sql.add(q, new Aggregate.SampleQuantiles(amount, List.of(0.5), 65536), "mlops_eval");
        String exact = sql.add(q, new Aggregate.Quantiles(amount, List.of(0.5)), "mlops_eval");
        String texts = sql.add(q, new Aggregate.TextValues(city), "mlops_eval");
        String within =
                sql.add(q, new Aggregate.ValuesWithin(amount, List.<double[]>of(new double[] {0, 1})), "mlops_eval");
        String values = sql.add(q, new Aggregate.ValueCounts(city), "mlops_eval");
        assertThat(q.size()).isEqualTo(49);
        int perSelect = SparkSql.INSTANCE.aggregatesPerSelect();
        assertThat(perSelect).isEqualTo(32);

        List<String> selects = q.selects(source(DataConfig.FileFormat.Kind.PARQUET), "mlops_eval", perSelect);
        assertThat(selects).hasSize(3);
        // The counts in the order added, 32 and 10 (the standard deviation is declarative too).
        assertThat(selects.get(0))
                .startsWith("SELECT count(\"amount\") AS " + counts.get(0)
                        + ",\n  count_if(\"amount\" < CAST('0.0' AS DOUBLE)) AS a1,")
                .endsWith("count_if(\"amount\" < CAST('30.0' AS DOUBLE)) AS a31\nFROM mlops_eval");
        assertThat(selects.get(1))
                .isEqualTo("SELECT count_if(\"amount\" < CAST('31.0' AS DOUBLE)) AS a32,\n"
                        + "  count_if(\"amount\" < CAST('32.0' AS DOUBLE)) AS a33,\n"
                        + "  count_if(\"amount\" < CAST('33.0' AS DOUBLE)) AS a34,\n"
                        + "  count_if(\"amount\" < CAST('34.0' AS DOUBLE)) AS a35,\n"
                        + "  count_if(\"amount\" < CAST('35.0' AS DOUBLE)) AS a36,\n"
                        + "  count_if(\"amount\" < CAST('36.0' AS DOUBLE)) AS a37,\n"
                        + "  count_if(\"amount\" < CAST('37.0' AS DOUBLE)) AS a38,\n"
                        + "  count_if(\"amount\" < CAST('38.0' AS DOUBLE)) AS a39,\n"
                        + "  count_if(\"amount\" < CAST('39.0' AS DOUBLE)) AS a40,\n"
                        + "  stddev_pop(\"amount\") AS " + std + "\nFROM mlops_eval");
        assertThat(selects.get(2))
                .isEqualTo("SELECT transform(approx_top_k(\"city\", 5), e -> e.item) AS " + top + ",\n"
                        + "  approx_count_distinct(\"amount\") AS " + distinct + ",\n"
                        + "  approx_percentile(\"amount\", array(CAST('0.5' AS DOUBLE)), 65536) AS " + sketch + ",\n"
                        + "  percentile(\"amount\", array(CAST('0.5' AS DOUBLE))) AS " + exact + ",\n"
                        + "  collect_list(\"city\") AS " + texts + ",\n"
                        + "  "
                        + sql.aggregate(new Aggregate.ValuesWithin(amount, List.<double[]>of(new double[] {0, 1})))
                        + " AS " + within + ",\n"
                        + "  coalesce(element_at(first(("
                        + grouped(
                                "s",
                                "s IS NOT NULL",
                                "struct(CASE WHEN \"city\" IS NOT NULL THEN 0 END AS k, \"city\" AS s)",
                                "mlops_eval")
                        + ")).s, 0), CASE WHEN count(*) > 0 THEN CAST(map() AS MAP<STRING, BIGINT>) END) AS " + values
                        + "\nFROM mlops_eval");
        // A catalog table is columnar too; CSV and JSON lines would be parsed once per SELECT: one.
        assertThat(q.selects(source(null), "mlops_eval", perSelect)).isEqualTo(selects);
        for (DataConfig.FileFormat.Kind text :
                List.of(DataConfig.FileFormat.Kind.CSV, DataConfig.FileFormat.Kind.JSONL)) {
            assertThat(q.selects(source(text), "mlops_eval", perSelect)).containsExactly(q.sql("mlops_eval"));
        }
    }

    @Test
    void distributionsCompareBothFilesExactlyWithDecimalProducts() {
        String q = sql.distributions(amount, "mlops_reference", count, "mlops_eval", 1000, 900);
        assertThat(q)
                .startsWith(
                        "WITH u AS (SELECT \"amount\" AS v, 1 AS r, 0 AS k FROM mlops_reference WHERE \"amount\""
                                + " IS NOT NULL UNION ALL SELECT CAST(\"n\" AS DOUBLE), 0, 1 FROM mlops_eval WHERE \"n\" IS NOT NULL)")
                .contains("max(abs(CAST(cr AS DECIMAL(38,0)) * 900 - CAST(ck AS DECIMAL(38,0)) * 1000)) AS ks")
                .contains("WINDOW o AS (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)")
                .endsWith("count_if(abs(v) = CAST('inf' AS DOUBLE)) AS inf FROM w");
    }

    @Test
    void theQueriesBesideTheScansNameTheirSubqueries() {
        assertThat(sql.distinctOutside(count, "t", List.of(1.0, 2.0), 6))
                .isEqualTo("SELECT count(*) AS n FROM (SELECT DISTINCT CAST(\"n\" AS DOUBLE) AS v FROM t WHERE \"n\""
                        + " IS NOT NULL AND CAST(\"n\" AS DOUBLE) NOT IN (CAST('1.0' AS DOUBLE), CAST('2.0' AS DOUBLE))"
                        + " LIMIT 6) AS d");
        assertThat(sql.valuesAtRanks(amount, "t", List.of(4L, 5L, 5L)))
                .isEqualTo("SELECT r, v FROM (SELECT v, row_number() OVER (ORDER BY v) - 1 AS r FROM (SELECT"
                        + " \"amount\" AS v FROM t WHERE \"amount\" IS NOT NULL) AS s) AS o WHERE r IN (4, 5)");
        assertThat(sql.rowCount("t")).isEqualTo("SELECT count(*) AS n FROM t");
        assertThat(sql.nonNullCount(city, "t")).isEqualTo("SELECT count(\"city\") AS n FROM t");
    }
}
