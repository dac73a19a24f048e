package io.mlopsci.core.data.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JVM aggregates fed by DuckDB's worker threads: the values of their SQL, over many chunks and threads. */
class JvmFeedTest {

    @TempDir
    Path tmp;

    /** The sum of an input's values (whole numbers here, so that any order of adding is exact). */
    private record Sum(String input) implements JvmAggregate {
        @Override
        public State newState() {
            return new State() {
                private double sum;

                @Override
                public void accept(double[] values, int count) {
                    for (int i = 0; i < count; i++) {
                        sum += values[i];
                    }
                }

                @Override
                public void merge(State other) {
                    sum += (Double) other.result();
                }

                @Override
                public Object result() {
                    return sum;
                }
            };
        }
    }

    /** How many values of an input the feed hands over (its non-null ones). */
    private record Count(String input) implements JvmAggregate {
        @Override
        public State newState() {
            return new State() {
                private long n;

                @Override
                public void accept(double[] values, int count) {
                    n += count;
                }

                @Override
                public void merge(State other) {
                    n += (Long) other.result();
                }

                @Override
                public Object result() {
                    return n;
                }
            };
        }
    }

    /** 300,000 rows (many chunks, read by two threads): x with every 17th null, an integer k. */
    private DataFile[] files(DuckDb db) throws SQLException {
        String rows = "SELECT CASE WHEN i % 17 = 0 THEN NULL ELSE CAST(i % 1000 AS DOUBLE) END AS x, i % 7 - 3 AS k"
                + " FROM range(300000) AS t(i)";
        Path parquet = tmp.resolve("d.parquet");
        Path csv = tmp.resolve("d.csv");
        db.execute("COPY (" + rows + ") TO '" + parquet + "' (FORMAT parquet, ROW_GROUP_SIZE 50000)", "writing", 0);
        db.execute("COPY (" + rows + ") TO '" + csv + "' (HEADER)", "writing", 0);
        return new DataFile[] {DataFileFixtures.reference(db, parquet), DataFileFixtures.reference(db, csv)};
    }

    private static AggregateQuery query() {
        AggregateQuery q = new AggregateQuery();
        q.add("count(*)");
        q.addFed("sum(\"x\")", new Sum("\"x\""));
        q.addFed("count(\"x\")", new Count("\"x\""));
        q.addFed("sum(CAST(\"k\" AS DOUBLE))", new Sum("CAST(\"k\" AS DOUBLE)"));
        return q;
    }

    @Test
    void fedAggregatesHaveTheirSqlsValuesOnEveryChunkAndThread() throws Exception {
        try (DuckDb db = DataFileFixtures.db(tmp.resolve("work"))) {
            for (DataFile f : files(db)) {
                AggregateQuery fed = query();
                List<String> selects = fed.selects(db, f, f.relation());
                // One function call hands both inputs (x read once for its two aggregates) to the JVM.
                assertThat(String.join("\n", selects))
                        .contains("count_if(mlops_feed(")
                        .contains("\"x\", CAST(\"k\" AS DOUBLE)))")
                        .doesNotContain("sum(");
                Row jvm = fed.run(db, selects, "scanning " + f.display(), f.bytes());

                AggregateQuery plain = query();
                SqlRunner sqlOnly = new WithoutFeeding(db);
                assertThat(String.join("\n", plain.selects(sqlOnly, f, f.relation())))
                        .doesNotContain("mlops_feed")
                        .contains("sum(\"x\")");
                Row sql = plain.run(sqlOnly, f, "scanning " + f.display());

                assertThat(jvm.count("a0")).as(f.display()).isEqualTo(300_000);
                assertThat(jvm.count("a2"))
                        .as(f.display())
                        .isEqualTo(sql.count("a2"))
                        .isEqualTo(300_000 - 17_648);
                assertThat(jvm.getDouble("a1")).as(f.display()).isEqualTo(sql.getDouble("a1"));
                assertThat(jvm.getDouble("a3")).as(f.display()).isEqualTo(sql.getDouble("a3"));
            }
        }
    }

    @Test
    void aFailingAggregateFailsTheQueryAndTheNextQueryIsFedAgain() throws Exception {
        JvmAggregate failing = new JvmAggregate() {
            @Override
            public String input() {
                return "\"x\"";
            }

            @Override
            public State newState() {
                throw new IllegalStateException("boom");
            }
        };
        try (DuckDb db = DataFileFixtures.db(tmp.resolve("work"))) {
            DataFile f = files(db)[0];
            AggregateQuery q = new AggregateQuery();
            q.addFed("count(\"x\")", failing);
            assertThatThrownBy(() -> q.run(db, f, "scanning")).isInstanceOf(SQLException.class);
            Row again = query().run(db, f, "scanning again");
            assertThat(again.count("a2")).isEqualTo(300_000 - 17_648);
        }
    }
}
