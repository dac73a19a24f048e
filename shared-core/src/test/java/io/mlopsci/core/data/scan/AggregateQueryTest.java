package io.mlopsci.core.data.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.console.Progress;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateQueryTest {

    @TempDir
    Path tmp;

    /** The same 5,000 rows as CSV and as Parquet: a text column of a few values, a number. */
    private DataFile[] files(DuckDb db) throws Exception {
        String rows = "SELECT 'v' || (i % 7) AS c, CAST((i * 37) % 1000 AS DOUBLE) / 10 AS x FROM range(5000) AS t(i)";
        Path csv = tmp.resolve("d.csv");
        Path parquet = tmp.resolve("d.parquet");
        db.execute("COPY (" + rows + ") TO '" + csv + "' (HEADER)", "writing csv", 0);
        db.execute("COPY (" + rows + ") TO '" + parquet + "' (FORMAT parquet)", "writing parquet", 0);
        return new DataFile[] {DataFileFixtures.reference(db, csv), DataFileFixtures.reference(db, parquet)};
    }

    /** The fused aggregates and, apart, every value's count of the text column. */
    private static AggregateQuery query(boolean apart) {
        AggregateQuery q = new AggregateQuery();
        q.add("count(*)");
        q.add("list(\"x\") FILTER (WHERE \"x\" BETWEEN 10 AND 10.5)");
        if (apart) {
            q.addApart("histogram(\"c\")");
        } else {
            q.add("histogram(\"c\")");
        }
        return q;
    }

    @Test
    void aColumnarFileComputesTheAggregatesApartInASecondSelectWithTheSameResults() throws Exception {
        Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()), "test", true);
        try (DuckDb db = DuckDb.open(tmp.resolve("work"), "256MB", 2, quiet)) {
            DataFile[] f = files(db);
            DataFile csv = f[0];
            DataFile parquet = f[1];
            AggregateQuery split = query(true);
            assertThat(split.selects(parquet, parquet.relation(), Integer.MAX_VALUE))
                    .hasSize(2);
            // A text file would be parsed twice: it stays one SELECT.
            assertThat(split.selects(csv, csv.relation(), Integer.MAX_VALUE)).hasSize(1);
            assertThat(query(false).selects(parquet, parquet.relation(), Integer.MAX_VALUE))
                    .hasSize(1);
            // Nothing to keep apart from: one SELECT.
            AggregateQuery only = new AggregateQuery();
            only.addApart("histogram(\"c\")");
            assertThat(only.selects(parquet, parquet.relation(), Integer.MAX_VALUE))
                    .hasSize(1);

            Row fused = query(false).run(db, parquet, "scanning d.parquet");
            for (Row r : List.of(
                    split.run(db, parquet, "scanning d.parquet"), query(true).run(db, csv, "scanning d.csv"))) {
                assertThat(r.count("a0")).isEqualTo(5000);
                // The listed values in any order (parallel aggregation does not keep one).
                assertThat(sorted(r.getDoubles("a1"))).hasSize(30).containsExactly(sorted(fused.getDoubles("a1")));
                assertThat(r.get("a2"))
                        .isInstanceOfSatisfying(Map.class, m -> assertThat(m).hasSize(7))
                        .isEqualTo(fused.get("a2"));
            }
        }
    }

    /** DuckDB as an engine that allows {@code perSelect} aggregates per SELECT (Spark: 32). */
    private record Limited(DuckDb db, int perSelect, List<String> sent) implements SqlRunner {
        @Override
        public Row one(String sql, String what, long bytes) throws SQLException {
            sent.add(what + ": " + sql);
            return db.one(sql, what, bytes);
        }

        @Override
        public List<Row> all(String sql, String what, long bytes, int limit) throws SQLException {
            return db.all(sql, what, bytes, limit);
        }

        @Override
        public CheckDialect dialect() {
            CheckDialect duck = db.dialect();
            return new CheckDialect() {
                @Override
                public String string(String text) {
                    return duck.string(text);
                }

                @Override
                public String text(String expr) {
                    return duck.text(expr);
                }

                @Override
                public String type(String duckType) {
                    return duck.type(duckType);
                }

                @Override
                public String fullMatch(String value, String regex) {
                    return duck.fullMatch(value, regex);
                }

                @Override
                public String smallest(String expr, int k) {
                    return duck.smallest(expr, k);
                }

                @Override
                public String countsOf(DataFile.Column column, java.util.Collection<String> texts) {
                    return duck.countsOf(column, texts);
                }

                @Override
                public String regexError(SqlRunner runner, String regex) {
                    return duck.regexError(runner, regex);
                }

                @Override
                public int aggregatesPerSelect() {
                    return perSelect;
                }
            };
        }
    }

    @Test
    void anEngineWithALimitPerSelectReadsAColumnarFileInSelectsOfThatManyAndOneRowComesBack() throws Exception {
        Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()), "test", true);
        try (DuckDb db = DuckDb.open(tmp.resolve("work"), "256MB", 2, quiet)) {
            DataFile[] f = files(db);
            assertThat(db.dialect().aggregatesPerSelect()).isEqualTo(Integer.MAX_VALUE);
            List<String> sent = new ArrayList<>();
            Limited two = new Limited(db, 2, sent);
            AggregateQuery q = new AggregateQuery();
            q.add("count(*)");
            q.add("count_if(\"x\" < 10)");
            q.add("count_if(\"x\" < 20)");
            q.addApart("histogram(\"c\")");
            q.add("max(\"x\")");
            Row r = q.run(two, f[1], "scanning d.parquet");
            // Two, two and one of the fused ones in the order added, then the one apart.
            assertThat(sent)
                    .containsExactly(
                            "scanning d.parquet: SELECT count(*) AS a0,\n  count_if(\"x\" < 10) AS a1\nFROM "
                                    + f[1].relation(),
                            "scanning d.parquet (2 of 3): SELECT count_if(\"x\" < 20) AS a2,\n  max(\"x\") AS a4\nFROM "
                                    + f[1].relation(),
                            "scanning d.parquet (3 of 3): SELECT histogram(\"c\") AS a3\nFROM " + f[1].relation());
            Row fused = db.one(q.sql(f[1].relation()), "one select", 0);
            assertThat(r.values()).isEqualTo(fused.values());
            assertThat(r.count("a0")).isEqualTo(5000);
            assertThat(q.result()).isSameAs(r);

            // A text file is parsed once: one SELECT whatever the limit; so is a relation run in one.
            sent.clear();
            AggregateQuery text = new AggregateQuery();
            text.add("count(*)");
            text.add("count_if(\"x\" < 10)");
            text.add("max(\"x\")");
            assertThat(text.run(two, f[0], "scanning d.csv").values()).hasSize(3);
            AggregateQuery inOne = new AggregateQuery();
            inOne.add("count(*)");
            inOne.add("count_if(\"x\" < 10)");
            inOne.add("max(\"x\")");
            assertThat(inOne.runInOne(two, f[1], f[1].relation(), "sampling d.parquet")
                            .values())
                    .isEqualTo(text.result().values());
            assertThat(sent).hasSize(2);
        }
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        java.util.Arrays.sort(copy);
        return copy;
    }
}
